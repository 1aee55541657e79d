/**
 * Turns a hold request into the queue item the operator sees: every string sanitised, the arguments frozen
 * as a canonical copy whose digest the decision must echo.
 */
import { canonicalJson } from '../../shared/canonical-json';
import type { ApprovalItem, ApprovalNotification } from '../../shared/approvals/types';
import type { JsonObject } from '../../shared/json';
import { sanitize, safeTextToString } from '../../shared/safe-text';
import type { SafeText, SafeTextFlag } from '../../shared/safe-text';
import type { ApprovalFacts } from './approval-facts';
import { digestArguments } from './digest';
import type { HoldRequest } from './types';

/** Sanitiser flags that mean the operator may be deceived; such items can only be approved once or denied. */
export const DECEPTION_FLAGS: ReadonlySet<SafeTextFlag> = new Set([
  'bidi',
  'invisible',
  'confusable',
  'ansi',
  'control',
]);

/** A deep, frozen, canonical copy: later changes by the caller cannot alter what was shown or what runs. */
export function freezeArguments(args: JsonObject): JsonObject {
  return deepFreeze(JSON.parse(canonicalJson(args)) as JsonObject);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function maybe(text: string | null | undefined): SafeText | null {
  return text === null || text === undefined ? null : sanitize(text);
}

/** Everything needed to build an item besides the request. */
export interface ItemBasics {
  readonly id: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly fields: ApprovalFacts;
}

/** Builds the pending item for a hold request. */
export function buildItem(request: HoldRequest, basics: ItemBasics): ApprovalItem {
  const args = freezeArguments(request.arguments);
  const host = maybe(basics.fields.host);
  const user = maybe(basics.fields.user);
  const command = maybe(basics.fields.command);
  const message = maybe(request.message);
  const relatedCalls = Object.freeze(
    (request.relatedCalls ?? []).map((call) =>
      Object.freeze({
        callId: call.callId,
        tool: sanitize(call.tool),
        command: maybe(call.command),
        approved: call.approved,
      }),
    ),
  );
  const shown = [
    host,
    user,
    command,
    message,
    sanitize(request.tool),
    sanitize(request.serverName),
    ...relatedCalls.flatMap((call) => [call.tool, call.command]),
  ];
  const sanitiserFlags = shown.flatMap((safe) => safe?.flags ?? []);
  const item: ApprovalItem = {
    id: basics.id,
    callId: request.callId,
    sessionId: request.sessionId,
    kind: request.kind,
    client: request.client === null ? null : { name: request.client.name, version: request.client.version },
    serverName: request.serverName,
    tool: request.tool,
    target: { host, user },
    command,
    message,
    relatedCalls,
    risk: {
      class: basics.fields.riskClass,
      flags: [...new Set([...basics.fields.flags, ...sanitiserFlags])],
    },
    rule: { id: request.rule.id, reason: sanitize(request.rule.reason) },
    arguments: args,
    digest: digestArguments(args),
    inputSchema: request.inputSchema ?? null,
    createdAt: basics.createdAt,
    expiresAt: basics.expiresAt,
    state: { kind: 'pending' },
  };
  return Object.freeze(item);
}

/** True when anything the operator reads on this item carries a deception flag. */
export function hasDeceptionFlags(item: ApprovalItem): boolean {
  return item.risk.flags.some((flag) => DECEPTION_FLAGS.has(flag as SafeTextFlag));
}

/** The native-notification announcement for a new pending item: plain strings with escapes spelled out. */
export function buildNotification(item: ApprovalItem, bodyLimit: number): ApprovalNotification {
  const where = item.target.host === null ? sanitize(item.serverName) : item.target.host;
  const title = `${safeTextToString(sanitize(item.tool))} on ${safeTextToString(where)}`;
  const source = item.command ?? item.message ?? item.rule.reason;
  const body = safeTextToString(sanitize(safeTextToString(source), { maxLength: bodyLimit }));
  return { id: item.id, title, body, urgency: hasDeceptionFlags(item) ? 'critical' : 'normal' };
}
