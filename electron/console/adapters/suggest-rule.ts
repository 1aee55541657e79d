/**
 * The rule "Always allow…" proposes: as narrow as the call it came from — this server, this tool, and
 * exactly these top-level argument values (so a different command is not covered). The operator sees
 * it, and may widen it, before it is saved.
 */
import type { ApprovalItem } from '../../../shared/approvals/types';
import type { Json, JsonObject } from '../../../shared/json';

function isPrimitive(value: Json): boolean {
  return value === null || typeof value !== 'object';
}

/** A simple identifier fragment for the rule id. */
function slug(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tool'
  );
}

/** The proposed rule. */
export function suggestRule(item: ApprovalItem): JsonObject {
  const when: JsonObject[] = Object.entries(item.arguments)
    .filter(([key, value]) => isPrimitive(value) && /^[A-Za-z0-9_-]+$/.test(key))
    .map(([key, value]) => ({ op: 'eq', field: `args.${key}`, value }));
  return {
    id: `always-${slug(item.serverName)}-${slug(item.tool)}-${item.digest.slice(0, 8)}`,
    description: `Always allow, added from the queue on ${new Date().toISOString().slice(0, 10)}`,
    server: item.serverName,
    tool: item.tool,
    action: 'allow',
    reason: 'Always allowed by the operator',
    ...(when.length === 0 ? {} : { when }),
  };
}
