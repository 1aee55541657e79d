/**
 * Where a policy sets its own approval expiry. The operator's "held calls expire after" setting applies to
 * every held call the policy does not time itself; the Settings screen lists these so the operator sees
 * which number wins for which calls.
 */
import type { JsonObject } from '../json';

/** The expiries a policy document sets, in milliseconds. */
export interface ExpiryOverrides {
  /** `approval.expiresInMs`: every held call without a rule or tool expiry of its own. */
  readonly policyWideMs: number | null;
  /** Rules and tool entries with their own `expiresInMs`, by id (tool entries by their tool glob). */
  readonly entries: readonly { readonly id: string; readonly ms: number }[];
}

function numberAt(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value)
    ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v))
    : [];
}

/** Reads the expiries out of a (saved, so already valid) policy document; tolerant of any shape. */
export function expiryOverrides(document: JsonObject): ExpiryOverrides {
  const approval = document.approval;
  const policyWideMs =
    typeof approval === 'object' && approval !== null && !Array.isArray(approval)
      ? numberAt(approval.expiresInMs)
      : null;
  const entries: { id: string; ms: number }[] = [];
  for (const rule of objects(document.rules)) {
    const ms = numberAt(rule.expiresInMs);
    if (ms !== null) entries.push({ id: typeof rule.id === 'string' ? rule.id : '(rule)', ms });
  }
  for (const tool of objects(document.tools)) {
    const ms = numberAt(tool.expiresInMs);
    if (ms === null) continue;
    const glob = typeof tool.tool === 'string' ? tool.tool : JSON.stringify(tool.tool ?? '?');
    entries.push({ id: `tool ${glob}`, ms });
  }
  return { policyWideMs, entries };
}
