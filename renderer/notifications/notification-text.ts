/**
 * The words of a browser notification for a held call, built like the desktop app's native one: every
 * attacker-chosen string goes through the sanitiser (hidden characters spelled out, length capped), and
 * only plain text reaches the Notification API.
 */
import type { ApprovalItem } from '../../shared/approvals/types';
import { safeTextToString, sanitize } from '../../shared/safe-text';

/** Longest body shown; the full call is one click away. */
const BODY_LIMIT = 300;

/** Title and body for a pending item: `<tool> on <host>`, then the command (or message, or rule reason). */
export function notificationText(item: ApprovalItem): { readonly title: string; readonly body: string } {
  const where = item.target.host === null ? sanitize(item.serverName) : item.target.host;
  const title = `${safeTextToString(sanitize(item.tool))} on ${safeTextToString(where)}`;
  const source = item.command ?? item.message ?? item.rule.reason;
  const body = safeTextToString(sanitize(safeTextToString(source), { maxLength: BODY_LIMIT }));
  return { title, body };
}

/** The tab title: the pending count first, so it shows in a crowded tab strip. */
export function tabTitle(pending: number): string {
  return pending > 0 ? `(${pending}) Airlock` : 'Airlock';
}
