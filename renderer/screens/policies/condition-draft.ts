/**
 * Pure helpers for editing a rule's `when` conditions in the form: which editor a condition gets,
 * its values as text and back, and the validation issues that belong to one place of the document.
 * A condition the form cannot show field by field (all / any / not) is edited as its JSON.
 */
import type { ValidationIssue } from '../../../shared/contract/views';
import { isJsonObject, type Json, type JsonObject } from '../../../shared/json';
import { setField } from './policy-draft';

/** Operators of an argument condition, with what the operator reads. */
export const ARGUMENT_OPS = [
  ['eq', 'equals'],
  ['neq', 'does not equal'],
  ['contains', 'contains'],
  ['in', 'is one of'],
  ['not_in', 'is none of'],
  ['glob', 'matches glob'],
  ['not_glob', 'does not match glob'],
  ['regex', 'matches regex'],
  ['not_regex', 'does not match regex'],
  ['lt', '<'],
  ['lte', '≤'],
  ['gt', '>'],
  ['gte', '≥'],
  ['range', 'is in range'],
  ['exists', 'exists'],
] as const;

/** An argument condition's operator. */
export type ArgumentOp = (typeof ARGUMENT_OPS)[number][0];

/** Keys of a command match, with labels; lists are comma-separated in the form. */
export const MATCH_KEYS = [
  ['program', 'Program (globs)', 'list'],
  ['argvContains', 'Arguments include all of', 'list'],
  ['argvAny', 'Some argument matches (globs)', 'list'],
  ['argvPrefix', 'Arguments start with', 'list'],
  ['argvRegex', 'Some argument matches regex', 'text'],
  ['line', 'Whole command line (glob)', 'text'],
  ['redirectTo', 'Writes to (globs)', 'list'],
] as const;

/** Which editor a condition gets. */
export type ConditionKind = 'argument' | 'command' | 'nested';

const ARG_OP_SET: ReadonlySet<string> = new Set(ARGUMENT_OPS.map(([op]) => op));

/** The editor for a condition (unknown shapes are edited as JSON). */
export function conditionKind(condition: JsonObject): ConditionKind {
  if (condition.op === 'command') return 'command';
  if (typeof condition.op === 'string' && ARG_OP_SET.has(condition.op)) return 'argument';
  return 'nested';
}

/** A new argument condition (a placeholder the operator edits). */
export function newArgumentCondition(): JsonObject {
  return { op: 'eq', field: 'args.command', value: '' };
}

/** A new command condition: every simple command's program matches. */
export function newCommandCondition(): JsonObject {
  return { op: 'command', quantifier: 'every', match: { program: ['*'] } };
}

/** A value as the operator types it: strings bare, anything else as JSON. */
export function valueText(value: Json | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Typed text as a value: JSON when it parses as a non-string (5, true, null, [..], {..}), else the text. */
export function parseValueText(text: string): Json {
  try {
    const value = JSON.parse(text) as Json;
    return typeof value === 'string' ? text : value;
  } catch {
    return text;
  }
}

/** Comma-separated text as a list (empty items dropped). */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A list (or a single string) as comma-separated text. */
export function listText(value: Json | undefined): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => valueText(v)).join(', ');
  return '';
}

/** The value part of an argument condition as text (range: handled by its own inputs). */
export function argumentValueText(condition: JsonObject): string {
  switch (condition.op) {
    case 'in':
    case 'not_in':
    case 'glob':
    case 'not_glob':
      return listText(condition.value);
    default:
      return valueText(condition.value);
  }
}

/** Sets an argument condition's value from text, in the shape its operator takes. */
export function withArgumentValue(condition: JsonObject, text: string): JsonObject {
  const op = condition.op as ArgumentOp;
  switch (op) {
    case 'in':
    case 'not_in':
      return { ...condition, value: parseList(text).map(parseValueText) };
    case 'glob':
    case 'not_glob': {
      const globs = parseList(text);
      return { ...condition, value: globs.length === 1 ? (globs[0] ?? '') : globs };
    }
    case 'regex':
    case 'not_regex':
      return { ...condition, value: text };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      // Left as text when it is not a number, so the schema says so instead of the form guessing.
      return {
        ...condition,
        value: text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text,
      };
    case 'exists':
      return setField(condition, 'value', text === 'false' ? false : undefined);
    case 'range':
      return condition;
    case 'eq':
    case 'neq':
    case 'contains':
      return { ...condition, value: parseValueText(text) };
  }
}

/** Changes an argument condition's operator, carrying the value over as text. */
export function withArgumentOp(condition: JsonObject, op: ArgumentOp): JsonObject {
  const field = typeof condition.field === 'string' ? condition.field : 'args.command';
  if (op === 'range') return { op, field, min: 0 };
  if (op === 'exists') return { op, field };
  const text = condition.op === 'range' || condition.op === 'exists' ? '' : argumentValueText(condition);
  const next: JsonObject = { op, field, value: '' };
  if ((op === 'regex' || op === 'not_regex') && condition.ignoreCase === true) next.ignoreCase = true;
  return withArgumentValue(next, text);
}

/** Sets a range bound from text (empty removes it). */
export function withRangeBound(condition: JsonObject, bound: 'min' | 'max', text: string): JsonObject {
  return setField(condition, bound, text.trim() === '' ? undefined : Number(text));
}

/** A command condition's match object. */
export function matchOf(condition: JsonObject): JsonObject {
  return isJsonObject(condition.match) ? condition.match : {};
}

/** Sets one key of a command condition's match from text (empty removes it). */
export function withMatchKey(
  condition: JsonObject,
  key: string,
  kind: 'list' | 'text',
  text: string,
): JsonObject {
  const value: Json | undefined =
    kind === 'list' ? (parseList(text).length === 0 ? undefined : parseList(text)) : text;
  return { ...condition, match: setField(matchOf(condition), key, value) };
}

/** Sets `readOnly` of a command condition's match. */
export function withReadOnly(condition: JsonObject, on: boolean): JsonObject {
  return { ...condition, match: setField(matchOf(condition), 'readOnly', on ? true : undefined) };
}

/** The JSON path prefix of a place in the document, as the core writes paths (`$.rules[0].when[1]`). */
export function pathOf(...parts: (string | number)[]): string {
  return `$${parts.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

/** Issues at `prefix` or below it (not at siblings whose path merely starts alike, e.g. `[1]` vs `[10]`). */
export function issuesUnder(issues: readonly ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.filter(
    (i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`),
  );
}
