/**
 * Pure helpers for the form editor: read and update a policy document as plain JSON, keeping every
 * field the form does not show (conditions, limits, tools) exactly as it was.
 */
import { isJsonObject, type Json, type JsonObject } from '../../../shared/json';

/** The three actions a rule or default can take. */
export const ACTIONS = ['allow', 'require_approval', 'deny'] as const;

/** Risk classes a rule can match. */
export const RISKS = ['read-only', 'exec', 'transfer', 'session', 'config', 'unknown'] as const;

/** The rules of a document (objects only). */
export function rulesOf(doc: JsonObject): JsonObject[] {
  return Array.isArray(doc.rules) ? doc.rules.filter(isJsonObject) : [];
}

/** A document with its rules replaced. */
export function withRules(doc: JsonObject, rules: readonly JsonObject[]): JsonObject {
  return { ...doc, rules: [...rules] };
}

/** Sets or removes (`undefined`, empty string) a field. */
export function setField(obj: JsonObject, key: string, value: Json | undefined): JsonObject {
  const next = Object.entries(obj).filter(([k]) => k !== key);
  if (value !== undefined && value !== '') next.push([key, value]);
  return Object.fromEntries(next);
}

/** A glob list (string or array) as comma-separated text. */
export function globText(value: Json | undefined): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ');
  return '';
}

/** Comma-separated text as a glob list (undefined when empty). */
export function parseGlobText(text: string): Json | undefined {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : parts;
}

/** Moves the rule at `index` by `delta` (order matters: deny > ask > allow, then first match). */
export function moveRule(rules: readonly JsonObject[], index: number, delta: number): JsonObject[] {
  const next = [...rules];
  const target = index + delta;
  const [rule] = next.splice(index, 1);
  if (rule === undefined || target < 0 || target > rules.length - 1) return [...rules];
  next.splice(target, 0, rule);
  return next;
}

/** A new rule with a unique id. */
export function newRule(rules: readonly JsonObject[]): JsonObject {
  const ids = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (ids.has(`rule-${n}`)) n++;
  return { id: `rule-${n}`, action: 'require_approval', tool: '*', reason: 'Held for the operator' };
}

/** Policy text as a JSON object, or null while it is not one (the form needs an object). */
export function parseObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}
