/**
 * The approval broker's contract with the proxy session and the console services.
 */
import type {
  ApprovalChange,
  ApprovalItem,
  ApprovalKind,
  ApprovalNotification,
  DecideResult,
} from '../../shared/approvals/types';
import type { ApprovalOutcome, PromptCall } from '../../shared/events';
import type { JsonObject } from '../../shared/json';
import type { ApprovalFacts } from './approval-facts';

/** An opaque timer handle, as returned by the injected `setTimer` (Node's Timeout, or a number). */
export type TimerHandle = object | number;

/** Construction options; clock and timers are injected so tests run on a fake clock. */
export interface BrokerOptions {
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  readonly setTimer: (callback: () => void, ms: number) => TimerHandle;
  readonly clearTimer: (handle: TimerHandle) => void;
  /** How long an item waits before it is denied as expired. Default 5 minutes. */
  readonly defaultExpiryMs?: number;
  /** Most items pending at once; beyond it a hold is denied at once. Default 1000. */
  readonly maxPending?: number;
  /** How long a decided item stays listed so the UI can show what happened. Default 2 minutes. */
  readonly keepDecidedMs?: number;
  /** How long a decision answers an identical retry (answer-early). Default 10 minutes. */
  readonly retryTtlMs?: number;
  /** Cap, in code points, on the command shown in a native notification (the rest is counted). Default 300. */
  readonly notificationBodyLimit?: number;
  /** Item ids; default `crypto.randomUUID`. */
  readonly makeId?: () => string;
  /**
   * Told when a subscriber throws. The queue and the other subscribers carry on regardless; the default
   * says so on stderr, since a silently broken subscriber is a console that stops updating.
   */
  readonly onSubscriberError?: (error: unknown) => void;
}

/** What the session knows about a call it wants held. All strings are untrusted. */
export interface HoldRequest {
  readonly sessionId: string;
  readonly callId: string;
  readonly kind: ApprovalKind;
  readonly client: { readonly name: string; readonly version: string } | null;
  readonly serverName: string;
  readonly tool: string;
  /** Exactly what the client sent; the broker keeps its own canonical copy. */
  readonly arguments: JsonObject;
  /** Host, user, command, risk and flags, from the policy engine's fields (`approvalFacts`). */
  readonly facts: ApprovalFacts;
  readonly rule: { readonly id: string; readonly reason: string };
  readonly expiresInMs?: number;
  readonly inputSchema?: JsonObject | null;
  /** For an elicitation: the upstream's message. */
  readonly message?: string | null;
  /** For an elicitation: the running call(s) it belongs to (see `ApprovalItem.relatedCalls`). */
  readonly relatedCalls?: readonly PromptCall[];
}

/** How a held call ends, for the session to act on. */
export type Resolution =
  | {
      readonly kind: 'forward';
      /** Exactly the arguments to send upstream: the canonical copy shown, or the operator's edit. */
      readonly arguments: JsonObject;
      readonly edited: boolean;
      readonly outcome: ApprovalOutcome;
      readonly waitedMs: number;
    }
  | {
      readonly kind: 'deny';
      readonly reason: string;
      readonly outcome: ApprovalOutcome;
      readonly waitedMs: number;
    };

/** A held call: the queue item as first shown, and its eventual resolution (always settles, never rejects). */
export interface HeldApproval {
  readonly item: ApprovalItem;
  readonly settled: Promise<Resolution>;
}

/** What an identical later call should do, per the answer-early retry store. */
export type RetryMatch =
  /** The earlier identical call was approved while nobody waited: forward now (used up). */
  | {
      readonly kind: 'forward';
      readonly itemId: string;
      readonly resolution: Resolution & { kind: 'forward' };
    }
  /** The earlier identical call was denied: deny again. */
  | { readonly kind: 'deny'; readonly itemId: string; readonly resolution: Resolution & { kind: 'deny' } }
  /** Still pending and unattended: this call now waits on it. */
  | { readonly kind: 'attached'; readonly item: ApprovalItem; readonly settled: Promise<Resolution> };

/** The call asking `findRetry`; it becomes the item's waiter when it attaches. */
export interface RetryCaller {
  readonly sessionId: string;
  readonly callId: string;
}

/** A standing "approve for this session" grant. */
export interface SessionGrant {
  readonly sessionId: string;
  readonly tool: string;
  /** The item whose approval created it. */
  readonly itemId: string;
  readonly by: string;
  readonly at: number;
}

/** `decide`'s answer: on success, the rule to save when the operator chose "always allow". */
export type BrokerDecideResult =
  | (DecideResult & { readonly ok: false })
  | (DecideResult & { readonly ok: true; readonly ruleToSave: JsonObject | null });

/** The approval broker. Every method is synchronous; only `HeldApproval.settled` is a promise. */
export interface ApprovalBroker {
  /** Holds a call for the operator; a new pending item is announced to subscribers and notification listeners. */
  hold(request: HoldRequest): HeldApproval;
  /** Applies the operator's decision (parsed here too: anything malformed is refused, the item stays pending). */
  decide(request: unknown): BrokerDecideResult;
  /** The session stopped waiting (it answered "pending, retry"): the item stays pending for an identical retry. */
  detach(id: string): boolean;
  /** The client cancelled: the item (by id, or by the callId of the request waiting on it) is withdrawn. */
  withdraw(idOrCallId: string, reason: string): boolean;
  /** The session ended: pending items its requests wait on are invalidated, and its grants dropped. */
  invalidateSession(sessionId: string, reason: string): void;
  /** Core exit: every pending item is denied, timers cleared, later holds denied at once. */
  shutdown(reason: string): void;
  /** A session grant covering this call, if the operator approved an identical-shape call for the session. */
  findGrant(sessionId: string, tool: string, facts: ApprovalFacts, args: JsonObject): SessionGrant | null;
  /**
   * The earlier decision for an identical call (same server, tool and canonical arguments), if any; or the
   * still-pending unattended item, which `caller` then waits on (a pending item has one waiter at most).
   */
  findRetry(serverName: string, tool: string, digest: string, caller: RetryCaller): RetryMatch | null;
  /** Pending items first, newest on top; then decided items still kept, newest on top. */
  list(): ApprovalItem[];
  get(id: string): ApprovalItem | null;
  subscribe(listener: (change: ApprovalChange) => void): () => void;
  /** Native-notification announcements, delivered synchronously inside `hold`. */
  onNotification(listener: (notification: ApprovalNotification) => void): () => void;
}
