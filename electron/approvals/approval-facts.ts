/**
 * Reads the policy engine's normalised fields. Keys are flat (`ssh.host`), with a nested `ssh: {host}` form
 * accepted too; anything not a string is treated as absent rather than guessed at.
 */
import type { Json, JsonObject } from '../../shared/json';
import { isJsonObject } from '../../shared/json';

/** The fields the approval view and session grants use. */
export interface ApprovalFacts {
  readonly host: string | null;
  readonly user: string | null;
  /** `ssh.command`, else `ssh.input` (PTY keystrokes). */
  readonly command: string | null;
  readonly riskClass: string | null;
  readonly flags: readonly string[];
}

function pick(fields: JsonObject, path: readonly string[]): Json | undefined {
  const flat = fields[path.join('.')];
  if (flat !== undefined) return flat;
  let node: Json | undefined = fields;
  for (const key of path) node = isJsonObject(node) ? node[key] : undefined;
  return node;
}

function text(value: Json | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** Extracts host, user, command, risk class and analysis flags from normalised fields. */
export function readApprovalFacts(fields: JsonObject): ApprovalFacts {
  // The hold writes `risk`/`flags` at the top; the gate's own nested form keeps them under `ssh`.
  const risk = pick(fields, ['risk']) ?? pick(fields, ['ssh', 'risk']);
  const riskClass =
    text(risk) ?? (isJsonObject(risk) ? text(risk.class) : null) ?? text(pick(fields, ['risk', 'class']));
  const rawFlags =
    pick(fields, ['flags']) ??
    (isJsonObject(risk) ? risk.flags : undefined) ??
    pick(fields, ['ssh', 'flags']);
  const flags = Array.isArray(rawFlags)
    ? rawFlags.filter((flag): flag is string => typeof flag === 'string')
    : [];
  return {
    host: text(pick(fields, ['ssh', 'host'])),
    user: text(pick(fields, ['ssh', 'user'])),
    command: text(pick(fields, ['ssh', 'command'])) ?? text(pick(fields, ['ssh', 'input'])),
    riskClass,
    flags,
  };
}
