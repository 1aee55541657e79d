/**
 * The approval queue as the UI sees it, over IPC and the WebSocket bridge alike. Every text an operator
 * reads is `SafeText`; the raw arguments travel too, for the fold-out, and must be rendered through
 * `sanitize(JSON.stringify(arguments, null, 2), { multiline: true })`.
 */
import type { JsonObject } from '../json';
import type { SafeText } from '../safe-text/types';

/** Where a held item stands. Every state but `pending` is terminal and never changes. */
export type ApprovalState =
  | { readonly kind: 'pending' }
  | {
      readonly kind: 'approved';
      readonly by: string;
      readonly at: number;
      readonly scope: 'once' | 'session' | 'always';
    }
  | {
      readonly kind: 'edited-and-approved';
      readonly by: string;
      readonly at: number;
      readonly arguments: JsonObject;
    }
  | { readonly kind: 'denied'; readonly by: string; readonly at: number; readonly reason: string }
  | { readonly kind: 'expired'; readonly at: number }
  | { readonly kind: 'withdrawn-by-client'; readonly at: number }
  | { readonly kind: 'invalidated'; readonly at: number; readonly reason: string };

/** The `kind` of every approval state. */
export type ApprovalStateKind = ApprovalState['kind'];

/** What is being approved: a `tools/call`, or an upstream's `elicitation/create`. */
export type ApprovalKind = 'tool-call' | 'elicitation';

/**
 * A call an upstream prompt belongs to: one of the session's calls running upstream whose command appears
 * in the prompt, or the session's only running call. Shown on the prompt's item so the operator sees which
 * command the upstream is asking about.
 */
export interface RelatedCallView {
  readonly callId: string;
  readonly tool: SafeText;
  /** The command that went upstream, sanitised; null when the call carries none. */
  readonly command: SafeText | null;
  /** Whether an operator approved the call (a policy `allow` is not an approval). */
  readonly approved: boolean;
}

/** One held call (or upstream elicitation) in the queue. */
export interface ApprovalItem {
  readonly id: string;
  readonly callId: string;
  readonly sessionId: string;
  readonly kind: ApprovalKind;
  /** The client's `clientInfo` from `initialize`, when known. */
  readonly client: { readonly name: string; readonly version: string } | null;
  readonly serverName: string;
  readonly tool: string;
  readonly target: { readonly host: SafeText | null; readonly user: SafeText | null };
  /** `ssh.command` or `ssh.input`, sanitised. */
  readonly command: SafeText | null;
  /** For an elicitation: the upstream's message. */
  readonly message: SafeText | null;
  /**
   * For an elicitation: the call(s) it belongs to — several when the prompt names more than one running
   * call (then Airlock does not guess); empty for a tool call, or when no running call can be tied to it.
   */
  readonly relatedCalls: readonly RelatedCallView[];
  /** Risk class (e.g. `exec`) and flags from command analysis and from the sanitiser. */
  readonly risk: { readonly class: string | null; readonly flags: readonly string[] };
  /** The policy rule that asked for approval, and why. */
  readonly rule: { readonly id: string; readonly reason: SafeText };
  /** Raw arguments, for the fold-out only (render through `sanitize`). */
  readonly arguments: JsonObject;
  /** SHA-256 hex of the canonical arguments shown; a decision must echo it. */
  readonly digest: string;
  /** The tool's JSON Schema input schema, for edit-then-approve. */
  readonly inputSchema: JsonObject | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly state: ApprovalState;
}

/** The operator's decision on one item. */
export type ApprovalDecision =
  | { readonly kind: 'approve'; readonly scope: 'once' | 'session' }
  /** The rule the operator reviewed (and maybe edited); saving it is the policy engine's job. */
  | { readonly kind: 'always-allow'; readonly rule: JsonObject }
  | { readonly kind: 'edit'; readonly arguments: JsonObject }
  | { readonly kind: 'deny'; readonly reason: string };

/** A decision as sent by the UI: bound to the digest of what the operator was shown. */
export interface DecideRequest {
  readonly id: string;
  readonly digest: string;
  readonly decision: ApprovalDecision;
  readonly by?: string;
}

/** Why a decision was refused. */
export type DecideError =
  'not-found' | 'not-pending' | 'digest-mismatch' | 'invalid-arguments' | 'invalid-decision';

/** The answer to a decision. */
export type DecideResult =
  | { readonly ok: true; readonly item: ApprovalItem }
  | { readonly ok: false; readonly error: DecideError; readonly message: string };

/** A change to the queue, pushed to subscribers in order. */
export interface ApprovalChange {
  readonly type: 'added' | 'updated' | 'removed';
  readonly item: ApprovalItem;
}

/** How loudly a native notification should ask for attention. */
export type NotificationUrgency = 'normal' | 'critical';

/** A native notification for a new pending item; every string is already sanitised to plain text. */
export interface ApprovalNotification {
  readonly id: string;
  /** `<tool> on <host>`. */
  readonly title: string;
  /** The command (or message), with hidden characters shown as escapes. */
  readonly body: string;
  /** `critical` when the sanitiser raised a deception flag (bidi, invisible, confusable, ansi, control). */
  readonly urgency: NotificationUrgency;
}
