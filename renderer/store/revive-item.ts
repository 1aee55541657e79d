/**
 * Re-proves every SafeText of a queue item that arrived over the transport (the brand is type-only).
 * A field that fails the check is sanitised again from its visible text, so nothing raw reaches the DOM.
 */
import type { ApprovalItem, RelatedCallView } from '../../shared/approvals/types';
import { reviveSafeText, sanitize } from '../../shared/safe-text';
import type { SafeText } from '../../shared/safe-text/types';

function recheck(value: SafeText): SafeText {
  const revived = reviveSafeText(value);
  if (revived !== null) return revived;
  const segments = (value as { segments?: unknown }).segments;
  const text = Array.isArray(segments)
    ? segments
        .map((s: unknown) => (typeof s === 'object' && s !== null && 'text' in s ? String(s.text) : ''))
        .join('')
    : '';
  return sanitize(text);
}

function recheckOrNull(value: SafeText | null): SafeText | null {
  return value === null ? null : recheck(value);
}

/** The item with every SafeText field re-checked. */
export function reviveItem(item: ApprovalItem): ApprovalItem {
  return {
    ...item,
    target: { host: recheckOrNull(item.target.host), user: recheckOrNull(item.target.user) },
    command: recheckOrNull(item.command),
    message: recheckOrNull(item.message),
    // An older core may send no links at all.
    relatedCalls: ((item.relatedCalls as readonly RelatedCallView[] | undefined) ?? []).map((call) => ({
      callId: call.callId,
      tool: recheck(call.tool),
      command: recheckOrNull(call.command),
      approved: call.approved,
    })),
    rule: { id: item.rule.id, reason: recheck(item.rule.reason) },
  };
}
