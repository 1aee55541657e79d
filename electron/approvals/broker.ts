/**
 * The approval broker: holds calls for the operator and resolves each exactly once — approved (as shown or
 * as edited), denied, expired, withdrawn or invalidated. Fails closed: every path that is not an explicit,
 * digest-bound operator approval ends in a denial with a reason, and every held promise settles.
 */
import { randomUUID } from 'node:crypto';

import { decideRequestSchema } from '../../shared/approvals/schemas';
import type {
  ApprovalChange,
  ApprovalItem,
  ApprovalNotification,
  DecideError,
} from '../../shared/approvals/types';
import type { JsonObject } from '../../shared/json';
import { applyDecision } from './apply-decision';
import { buildItem, buildNotification } from './build-item';
import type { ApprovalFacts } from './approval-facts';
import { grantKey } from './grant-key';
import { resolutionFor, type TerminalState } from './resolution';
import { RetryStore, retryKey } from './retry-store';
import type {
  ApprovalBroker,
  BrokerDecideResult,
  BrokerOptions,
  HeldApproval,
  Resolution,
  RetryCaller,
  RetryMatch,
  SessionGrant,
  TimerHandle,
} from './types';

/** The one live request waiting on an item: the original call, or an identical retry attached to it. */
interface Waiter {
  readonly sessionId: string;
  readonly callId: string;
  readonly resolve: (resolution: Resolution) => void;
}

/** Book-keeping for one item. */
interface Entry {
  item: ApprovalItem;
  /** Insertion order, to keep "newest on top" stable when timestamps tie. */
  readonly seq: number;
  readonly fields: ApprovalFacts;
  readonly retryKey: string;
  waiter: Waiter | null;
  expiryTimer: TimerHandle | null;
  removalTimer: TimerHandle | null;
}

/** What `settle` should do besides resolving. */
interface SettleOptions {
  /** An operator decision: remember it for identical retries. */
  readonly remember: boolean;
  readonly detail?: string;
}

function refuse(error: DecideError, message: string): BrokerDecideResult {
  return { ok: false, error, message };
}

/** Creates an approval broker; see `ApprovalBroker` for the contract. */
export function createApprovalBroker(options: BrokerOptions): ApprovalBroker {
  const { clock, setTimer, clearTimer } = options;
  const defaultExpiryMs = options.defaultExpiryMs ?? 300_000;
  const maxPending = options.maxPending ?? 1000;
  const keepDecidedMs = options.keepDecidedMs ?? 120_000;
  const retryTtlMs = options.retryTtlMs ?? 600_000;
  const bodyLimit = options.notificationBodyLimit ?? 300;
  const makeId = options.makeId ?? randomUUID;
  const subscriberError =
    options.onSubscriberError ??
    ((error: unknown) =>
      process.stderr.write(
        `airlock: approvals: a subscriber failed: ${error instanceof Error ? error.message : String(error)}\n`,
      ));

  const entries = new Map<string, Entry>();
  const grants = new Map<string, Map<string, SessionGrant>>();
  const retries = new RetryStore();
  const listeners = new Set<(change: ApprovalChange) => void>();
  const notificationListeners = new Set<(notification: ApprovalNotification) => void>();
  let closedReason: string | null = null;
  let nextSeq = 0;

  function deliver<T>(targets: Set<(value: T) => void>, value: T): void {
    for (const listener of [...targets]) {
      try {
        listener(value);
      } catch (error) {
        // A broken subscriber must not stop the queue or the other subscribers, nor go unnoticed.
        subscriberError(error);
      }
    }
  }

  function pendingCount(): number {
    let count = 0;
    for (const entry of entries.values()) if (entry.item.state.kind === 'pending') count += 1;
    return count;
  }

  function waitOn(entry: Entry, sessionId: string, callId: string): Promise<Resolution> {
    return new Promise((resolve) => {
      entry.waiter = { sessionId, callId, resolve };
    });
  }

  function settle(entry: Entry, state: TerminalState, settleOptions: SettleOptions): Resolution {
    const now = clock();
    if (entry.expiryTimer !== null) clearTimer(entry.expiryTimer);
    entry.expiryTimer = null;
    entry.item = Object.freeze({ ...entry.item, state });
    const resolution = resolutionFor(entry.item, state, now, settleOptions.detail);
    const waiter = entry.waiter;
    entry.waiter = null;
    // An approval nobody waits for (answered early) is kept for the identical retry; a denial always is.
    if (settleOptions.remember && (waiter === null || resolution.kind === 'deny')) {
      retries.put(entry.retryKey, { itemId: entry.item.id, resolution, expiresAt: now + retryTtlMs });
    }
    deliver(listeners, { type: 'updated', item: entry.item });
    if (closedReason === null) entry.removalTimer = setTimer(() => remove(entry), keepDecidedMs);
    waiter?.resolve(resolution);
    return resolution;
  }

  function remove(entry: Entry): void {
    if (entries.get(entry.item.id) !== entry) return;
    entries.delete(entry.item.id);
    deliver(listeners, { type: 'removed', item: entry.item });
  }

  function expire(entry: Entry): void {
    if (entry.item.state.kind !== 'pending') return;
    settle(entry, { kind: 'expired', at: clock() }, { remember: false });
  }

  function addGrant(entry: Entry, by: string, at: number): void {
    const { tool, arguments: args } = entry.item;
    // A retry attached from a newer session is the one still working: the grant belongs to it.
    const sessionId = entry.waiter?.sessionId ?? entry.item.sessionId;
    const key = grantKey(sessionId, tool, entry.fields, args);
    const forSession = grants.get(sessionId) ?? new Map<string, SessionGrant>();
    forSession.set(key, { sessionId, tool, itemId: entry.item.id, by, at });
    grants.set(sessionId, forSession);
  }

  function hold(request: Parameters<ApprovalBroker['hold']>[0]): HeldApproval {
    const now = clock();
    const fields = request.facts;
    const requested = request.expiresInMs;
    const expiresIn =
      requested !== undefined && Number.isFinite(requested) && requested > 0 ? requested : defaultExpiryMs;
    const item = buildItem(request, { id: makeId(), createdAt: now, expiresAt: now + expiresIn, fields });
    const refusal =
      closedReason !== null
        ? `Airlock is shutting down: ${closedReason}`
        : pendingCount() >= maxPending
          ? `Too many calls are waiting for approval (limit ${maxPending}); denied without asking`
          : null;
    if (refusal !== null) {
      // Refused holds are never listed: a flood must not bury the queue.
      const state: TerminalState = { kind: 'invalidated', at: now, reason: refusal };
      const refused = Object.freeze({ ...item, state });
      return { item: refused, settled: Promise.resolve(resolutionFor(refused, state, now)) };
    }
    const entry: Entry = {
      item,
      seq: (nextSeq += 1),
      fields,
      retryKey: retryKey(request.serverName, request.tool, item.digest),
      waiter: null,
      expiryTimer: null,
      removalTimer: null,
    };
    entries.set(item.id, entry);
    const settled = waitOn(entry, request.sessionId, request.callId);
    entry.expiryTimer = setTimer(() => expire(entry), expiresIn);
    deliver(listeners, { type: 'added', item });
    deliver(notificationListeners, buildNotification(item, bodyLimit));
    return { item, settled };
  }

  function decide(raw: unknown): BrokerDecideResult {
    const parsed = decideRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`,
      );
      return refuse('invalid-decision', `Malformed decision, nothing was approved: ${problems.join('; ')}`);
    }
    const request = parsed.data;
    const entry = entries.get(request.id);
    if (entry === undefined) return refuse('not-found', 'No such approval item (it may have been removed)');
    const now = clock();
    // A late timer (system sleep) must not let a decision beat the expiry.
    if (entry.item.state.kind === 'pending' && now >= entry.item.expiresAt) expire(entry);
    if (entry.item.state.kind !== 'pending') {
      return refuse('not-pending', `This item is already ${entry.item.state.kind}; a decision is used once`);
    }
    if (request.digest !== entry.item.digest) {
      return refuse(
        'digest-mismatch',
        'The decision was made on different arguments than the item holds; decide again',
      );
    }
    const applied = applyDecision(entry.item, request.decision, request.by ?? 'operator', now);
    if (!applied.ok) return refuse(applied.error, applied.message);
    if (applied.grant) addGrant(entry, request.by ?? 'operator', now);
    settle(entry, applied.state, { remember: true });
    return { ok: true, item: entry.item, ruleToSave: applied.ruleToSave };
  }

  function detach(id: string): boolean {
    const entry = entries.get(id);
    if (entry?.item.state.kind !== 'pending' || entry.waiter === null) return false;
    const waiter = entry.waiter;
    entry.waiter = null;
    waiter.resolve(
      resolutionFor(
        entry.item,
        {
          kind: 'invalidated',
          at: clock(),
          reason: 'answered early; the decision will apply to an identical retry',
        },
        clock(),
      ),
    );
    return true;
  }

  function withdraw(idOrCallId: string, reason: string): boolean {
    for (const entry of entries.values()) {
      // By call id, only the live request waiting on the item can withdraw it.
      const matches = entry.item.id === idOrCallId || entry.waiter?.callId === idOrCallId;
      if (matches && entry.item.state.kind === 'pending') {
        settle(entry, { kind: 'withdrawn-by-client', at: clock() }, { remember: false, detail: reason });
        return true;
      }
    }
    return false;
  }

  function invalidateSession(sessionId: string, reason: string): void {
    grants.delete(sessionId);
    for (const entry of [...entries.values()]) {
      // Only items a request of this session waits on end; detached ones wait for a retry from the next session.
      if (entry.item.state.kind === 'pending' && entry.waiter?.sessionId === sessionId) {
        settle(entry, { kind: 'invalidated', at: clock(), reason }, { remember: false });
      }
    }
  }

  function shutdown(reason: string): void {
    if (closedReason !== null) return;
    closedReason = reason;
    for (const entry of [...entries.values()]) {
      if (entry.item.state.kind === 'pending') {
        settle(
          entry,
          { kind: 'invalidated', at: clock(), reason: `Airlock is shutting down: ${reason}` },
          { remember: false },
        );
      }
      if (entry.removalTimer !== null) clearTimer(entry.removalTimer);
      entry.removalTimer = null;
    }
    grants.clear();
    retries.clear();
  }

  function findGrant(
    sessionId: string,
    tool: string,
    facts: ApprovalFacts,
    args: JsonObject,
  ): SessionGrant | null {
    const forSession = grants.get(sessionId);
    if (forSession === undefined) return null;
    return forSession.get(grantKey(sessionId, tool, facts, args)) ?? null;
  }

  function findRetry(
    serverName: string,
    tool: string,
    digest: string,
    caller: RetryCaller,
  ): RetryMatch | null {
    if (closedReason !== null) return null;
    const now = clock();
    const key = retryKey(serverName, tool, digest);
    for (const entry of entries.values()) {
      const live = entry.item.state.kind === 'pending' && now < entry.item.expiresAt;
      if (entry.retryKey === key && live && entry.waiter === null) {
        return {
          kind: 'attached',
          item: entry.item,
          settled: waitOn(entry, caller.sessionId, caller.callId),
        };
      }
    }
    retries.prune(now);
    const remembered = retries.take(key, now);
    if (remembered === null) return null;
    const { itemId, resolution } = remembered;
    return resolution.kind === 'forward'
      ? { kind: 'forward', itemId, resolution }
      : { kind: 'deny', itemId, resolution };
  }

  function list(): ApprovalItem[] {
    const rank = (entry: Entry): number => (entry.item.state.kind === 'pending' ? 0 : 1);
    return [...entries.values()]
      .sort((a, b) => rank(a) - rank(b) || b.item.createdAt - a.item.createdAt || b.seq - a.seq)
      .map((entry) => entry.item);
  }

  return {
    hold,
    decide,
    detach,
    withdraw,
    invalidateSession,
    shutdown,
    findGrant,
    findRetry,
    list,
    get: (id) => entries.get(id)?.item ?? null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onNotification(listener) {
      notificationListeners.add(listener);
      return () => notificationListeners.delete(listener);
    },
  };
}
