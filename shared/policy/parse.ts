/**
 * Policy text → validated, compiled policy, with every error located by JSON path and line/column
 * (jsonc-parser in strict JSON mode gives node offsets). Accepts native documents and PolicyLayer
 * documents (converted on load). Used by the store, the CLI and the UI's raw editor alike.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { compilePolicy, type CompiledPolicy } from './compile';
import { explainSchemaIssues } from './issue-hints';
import { importPolicyLayer, isPolicyLayerDocument } from './policylayer';
import { PolicyDocumentSchema, type PolicyDocument } from './schema';

/** Which format a policy text was written in. */
export type PolicyFormat = 'airlock' | 'policylayer';

/** One problem in a policy text. */
export interface PolicyIssue {
  /** JSON path in the text as written (PolicyLayer paths for PolicyLayer documents). */
  readonly path: (string | number)[];
  readonly message: string;
  /** 1-based line and column when the text position is known. */
  readonly line?: number;
  readonly column?: number;
}

/** The outcome of parsing a policy. */
export type PolicyParseResult =
  | {
      readonly ok: true;
      readonly format: PolicyFormat;
      readonly document: PolicyDocument;
      readonly compiled: CompiledPolicy;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly PolicyIssue[] };

/** Parses and validates policy text. Never throws. */
export function parsePolicyText(text: string): PolicyParseResult {
  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (syntax.length > 0 || !root) {
    const errors = syntax.map((e) => ({
      path: [],
      message: `JSON syntax: ${printParseErrorCode(e.error)}`,
      ...position(text, e.offset),
    }));
    return { ok: false, errors: errors.length > 0 ? errors : [{ path: [], message: 'Empty policy text' }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, errors: [{ path: [], message: `JSON syntax: ${String(error)}` }] };
  }
  const result = parsePolicyValue(value);
  if (result.ok) return result;
  const located = result.errors.map((e) => ({ ...e, ...locate(text, root, e.path) }));
  // In the order the text reads, so the first message is the first place to look.
  return { ok: false, errors: located.sort(byPosition) };
}

/** Validates an already-parsed JSON value (no positions). Never throws. */
export function parsePolicyValue(value: unknown): PolicyParseResult {
  try {
    if (isPolicyLayerDocument(value)) {
      const imported = importPolicyLayer(value);
      if (!imported.ok) return { ok: false, errors: imported.errors };
      const native = PolicyDocumentSchema.safeParse(imported.policy);
      if (!native.success) {
        return {
          ok: false,
          errors: native.error.issues.map((i) => ({
            path: [],
            message: `After import: ${i.message} at ${i.path.join('.')}`,
          })),
        };
      }
      return {
        ok: true,
        format: 'policylayer',
        document: native.data,
        compiled: compilePolicy(native.data),
        warnings: imported.warnings,
      };
    }
    const parsed = PolicyDocumentSchema.safeParse(value);
    if (!parsed.success) {
      return {
        ok: false,
        errors: explainSchemaIssues(value, parsed.error.issues),
      };
    }
    return {
      ok: true,
      format: 'airlock',
      document: parsed.data,
      compiled: compilePolicy(parsed.data),
      warnings: [],
    };
  } catch (error) {
    return { ok: false, errors: [{ path: [], message: `Policy could not be compiled: ${String(error)}` }] };
  }
}

/** Adds line and column to issues whose paths point into `text` (a JSON document). */
export function locateIssues(text: string, issues: readonly PolicyIssue[]): PolicyIssue[] {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  return issues.map((e) => (root ? { ...e, ...locate(text, root, e.path) } : e));
}

/** Formats an issue as `line:column path: message`. */
export function formatIssue(issue: PolicyIssue): string {
  const where = issue.line !== undefined ? `${issue.line}:${issue.column ?? 1} ` : '';
  const path = issue.path.length > 0 ? `${jsonPath(issue.path)}: ` : '';
  return `${where}${path}${issue.message}`;
}

/** A JSONPath-like rendering: `$.rules[3].when[0].op`. */
export function jsonPath(path: readonly (string | number)[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

function byPosition(a: PolicyIssue, b: PolicyIssue): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function locate(
  text: string,
  root: Node,
  path: readonly (string | number)[],
): { line?: number; column?: number } {
  // The deepest existing node on the path: a missing key is reported at its parent object.
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) {
      const target = n < path.length || node.parent?.type !== 'property' ? node : node.parent;
      return position(text, target.offset);
    }
  }
  return {};
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
