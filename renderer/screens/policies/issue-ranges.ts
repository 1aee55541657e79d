/**
 * Where in the text each validation issue goes, for the code editor's underlines: from the issue's
 * line:column (the core's, for exactly this text) to the end of the JSON value or key found there
 * (jsonc-parser), kept on that one line so a whole object is not underlined. Pure.
 */
import { findNodeAtOffset, parseTree } from 'jsonc-parser';

import type { ValidationIssue } from '../../../shared/contract/views';

/** A span of the text with the message to show there. */
export interface IssueRange {
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** The offset of a 1-based line and column (clamped into the text). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, column - 1), end);
}

/** The ranges of the issues that have a position; issues without one are left to the list. */
export function issueRanges(text: string, issues: readonly ValidationIssue[]): IssueRange[] {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  return issues.flatMap((issue) => {
    if (issue.line === undefined) return [];
    const from = offsetAt(text, issue.line, issue.column ?? 1);
    const lineEnd = text.indexOf('\n', from);
    const endOfLine = lineEnd < 0 ? text.length : lineEnd;
    const node = root === undefined ? undefined : findNodeAtOffset(root, from, true);
    const nodeEnd = node !== undefined && node.offset === from ? node.offset + node.length : from + 1;
    const to = Math.min(text.length, Math.max(from + 1, Math.min(nodeEnd, endOfLine)));
    const where = issue.path === '' ? '' : `${issue.path}: `;
    return [{ from, to, message: `${where}${issue.message}` }];
  });
}
