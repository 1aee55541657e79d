/**
 * A structural policy diff as lines for a person to read (`- $.rules[2].action: "allow"`). The core
 * uses it for version diffs and the console's save review for draft-against-saved, so both read alike.
 */
import type { DiffLine } from '../contract/views';
import type { Json } from '../json';
import { jsonDiff, type JsonChange } from './json-diff';
import { jsonPath } from './parse';

/** The changes as added / removed / moved lines. */
export function diffLines(changes: readonly JsonChange[]): DiffLine[] {
  const show = (value: Json) => JSON.stringify(value);
  return changes.flatMap((c): DiffLine[] => {
    const path = jsonPath(c.path);
    switch (c.kind) {
      case 'added':
        return [{ kind: 'added', text: `${path}: ${show(c.after)}` }];
      case 'removed':
        return [{ kind: 'removed', text: `${path}: ${show(c.before)}` }];
      case 'changed':
        return [
          { kind: 'removed', text: `${path}: ${show(c.before)}` },
          { kind: 'added', text: `${path}: ${show(c.after)}` },
        ];
      case 'moved':
        return [{ kind: 'same', text: `${path} moved from position ${c.from} to ${c.to}` }];
    }
  });
}

/** The lines from document `before` to document `after`. */
export function documentDiffLines(before: Json, after: Json): DiffLine[] {
  return diffLines(jsonDiff(before, after));
}
