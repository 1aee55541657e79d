/**
 * Reads host, user, command and risk out of the policy engine's normalised fields. The gate records them
 * nested (`{ ssh: { host, user, command, input, risk } }`, see shared/policy/fields.ts). Rows are data at
 * rest, possibly written by an older version, so the flat form (`'ssh.host'`, top-level `risk`) reads too.
 */
import { isJsonObject, type Json, type JsonObject } from '../../shared/json';
import { recordJson } from './record-json';

/** The facts of a decision an auditor filters and reads by. */
export interface DecisionFacts {
  readonly host: string | null;
  readonly user: string | null;
  /** `ssh.command`, else `ssh.input` (PTY keystrokes). */
  readonly command: string | null;
  /** The risk class (read-only, exec, transfer …). */
  readonly risk: string | null;
}

/** The value at `path`: the flat dotted key first, then the nested path. */
function pick(fields: JsonObject, path: readonly string[]): Json | undefined {
  const flat = fields[path.join('.')];
  if (flat !== undefined && flat !== null) return flat;
  let node: Json | undefined = fields;
  for (const key of path) node = isJsonObject(node) ? node[key] : undefined;
  return node ?? undefined;
}

/** A field as text, whatever JSON type the policy engine gave it (lists joined, objects as JSON). */
function asText(value: Json | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  return recordJson(value);
}

/** The first path that holds a value, as text. */
function first(fields: JsonObject, ...paths: (readonly string[])[]): string | null {
  for (const path of paths) {
    const value = pick(fields, path);
    if (value !== undefined) return asText(value);
  }
  return null;
}

/** The risk class: `ssh.risk` (the gate's), else a top-level `risk` string or `risk.class`. */
function riskOf(fields: JsonObject): string | null {
  const nested = pick(fields, ['ssh', 'risk']);
  if (typeof nested === 'string') return nested;
  const top = fields.risk;
  if (typeof top === 'string') return top;
  if (isJsonObject(top) && typeof top.class === 'string') return top.class;
  return asText(nested ?? top);
}

/** Extracts the facts; every one is null when the fields do not carry it. */
export function decisionFacts(fields: JsonObject | null | undefined): DecisionFacts {
  if (fields === null || fields === undefined) return { host: null, user: null, command: null, risk: null };
  return {
    host: first(fields, ['ssh', 'host']),
    user: first(fields, ['ssh', 'user']),
    command: first(fields, ['ssh', 'command'], ['ssh', 'input']),
    risk: riskOf(fields),
  };
}
