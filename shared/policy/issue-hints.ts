/**
 * Makes schema issues say what to do: an unknown key becomes one issue per key, located at the key
 * itself and with a "did you mean" hint when a known key is close (`tools` → `tool`); duplicate rule ids
 * are found on the raw document, so they are reported with schema errors rather than only once the
 * schema passes (zod skips the document's refinement after some errors).
 */
import { isJsonObject } from '../json';
import { keyHint } from './key-hint';
import { CommandMatchSchema, LimitSchema, PolicyDocumentSchema, RuleSchema, ToolEntrySchema } from './schema';

/** A schema issue as zod reports it (the fields used here). */
export interface RawIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

/** An issue with a plain JSON path. */
export interface PathIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

const DOCUMENT_KEYS = Object.keys(PolicyDocumentSchema.shape);
const RULE_KEYS = Object.keys(RuleSchema.shape);
const TOOL_KEYS = Object.keys(ToolEntrySchema.shape);
const LIMIT_KEYS = Object.keys(LimitSchema.shape);
const MATCH_KEYS = Object.keys(CommandMatchSchema.shape);
// Every key some condition shape takes (conditions are a union discriminated by `op`).
const CONDITION_KEYS = [
  'op',
  'field',
  'value',
  'ignoreCase',
  'min',
  'max',
  'quantifier',
  'match',
  'of',
  'condition',
];

/** The keys an object at `path` of a native policy may have, or [] when the place is not known. */
export function knownKeysAt(path: readonly (string | number)[]): readonly string[] {
  if (path.length === 0) return DOCUMENT_KEYS;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 1 && last === 'approval') return ['expiresInMs'];
  if (last === 'match') return MATCH_KEYS;
  if (typeof last === 'number') {
    if (path.length === 2 && parent === 'rules') return RULE_KEYS;
    if (path.length === 2 && parent === 'tools') return TOOL_KEYS;
    if (parent === 'limits') return LIMIT_KEYS;
    if (parent === 'when' || parent === 'of') return CONDITION_KEYS;
  }
  if (last === 'condition') return CONDITION_KEYS;
  return [];
}

/** Plain path of a zod issue (symbols never occur in JSON, but the type allows them). */
function plainPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** One issue per unknown key, at the key, with a hint when one is close; other issues unchanged. */
export function explainIssue(issue: RawIssue): PathIssue[] {
  const path = plainPath(issue.path);
  if (issue.code !== 'unrecognized_keys' || issue.keys === undefined || issue.keys.length === 0) {
    return [{ path, message: issue.message }];
  }
  const known = knownKeysAt(path);
  return issue.keys.map((key) => {
    const hint = keyHint(key, known);
    return {
      path: [...path, key],
      message: `Unknown key "${key}"${hint === undefined ? '' : ` — ${hint}`}`,
    };
  });
}

/** Duplicate rule ids in a raw (not yet valid) document, worded as the schema words them. */
export function duplicateRuleIdIssues(value: unknown): PathIssue[] {
  if (!isJsonObject(value) || !Array.isArray(value.rules)) return [];
  const seen = new Map<string, number>();
  const out: PathIssue[] = [];
  value.rules.forEach((rule, i) => {
    if (!isJsonObject(rule) || typeof rule.id !== 'string') return;
    const first = seen.get(rule.id);
    if (first === undefined) seen.set(rule.id, i);
    else
      out.push({
        path: ['rules', i, 'id'],
        message: `Duplicate rule id "${rule.id}" (first used by rules[${first}])`,
      });
  });
  return out;
}

/** Schema issues explained, plus duplicate rule ids the schema did not get to, in document order. */
export function explainSchemaIssues(value: unknown, issues: readonly RawIssue[]): PathIssue[] {
  const explained = issues.flatMap(explainIssue);
  const key = (i: PathIssue) => `${JSON.stringify(i.path)} ${i.message}`;
  const have = new Set(explained.map(key));
  const extra = duplicateRuleIdIssues(value).filter((i) => !have.has(key(i)));
  return [...explained, ...extra];
}
