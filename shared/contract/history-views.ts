/**
 * History as the console shows it: session rows, timeline rows and call details. Built by
 * `electron/console/adapters/history-rows.ts` from the history store; every string that came from an
 * agent or an upstream (tool, command, arguments, host, user, reasons, prompts, output) is raw here and is
 * rendered only through the sanitiser.
 */
import type { JsonObject } from '../json';
import type { McpEra } from '../mcp-era';

/** A past or live session in history. */
export interface HistorySessionRow {
  readonly sessionId: string;
  readonly serverName: string;
  readonly clientName: string | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly callCount: number;
  /** How the session ended (client-closed, upstream-exited, crashed …), null while live. */
  readonly endReason: string | null;
  /** The MCP revision the session spoke (peer-chosen text), null before the first answer. */
  readonly protocolVersion: string | null;
  /** The wire era that revision belongs to. */
  readonly era: McpEra | null;
}

/** What finally became of a call, in an auditor's words. */
export type CallVerdict =
  /** Policy let it through; no human was asked. */
  | 'allowed'
  /** Policy (or Airlock failing closed) refused it. */
  | 'denied'
  /** An operator approved it (once, for the session, always), or a session grant covered it. */
  | 'approved'
  | 'edited-and-approved'
  /** An operator denied the held call. */
  | 'rejected'
  /** Nobody decided before the hold expired. */
  | 'expired'
  /** The client gave up while the call was held. */
  | 'withdrawn'
  /** The held item stopped being valid (its session ended, the policy changed …). */
  | 'invalidated'
  /** Cancelled before anyone decided. */
  | 'cancelled'
  /** Still waiting for a decision or an outcome. */
  | 'pending'
  /** The process stopped before a decision was recorded. */
  | 'unknown';

/** Who or what made the decision that counted. */
export type CallDecider =
  /** A policy rule, by id. */
  | { readonly kind: 'rule'; readonly rule: string }
  /** The policy default: no rule matched. */
  | { readonly kind: 'default' }
  /** Airlock itself: failing closed, no policy engine, an invalidated item, a failed hold. */
  | { readonly kind: 'airlock'; readonly source: string }
  /** The operator who decided the held call. */
  | { readonly kind: 'operator'; readonly name: string }
  /** An earlier "approve for this session" of the same call. */
  | { readonly kind: 'session-grant' }
  /** The hold's expiry. */
  | { readonly kind: 'expiry' }
  /** The client, by withdrawing or cancelling. */
  | { readonly kind: 'client' }
  /** Nothing was decided (yet). */
  | { readonly kind: 'none' };

/** An upstream prompt recorded on a call (ssh-mcp's confirmation). Text is raw: render through the sanitiser. */
export interface PromptView {
  readonly promptId: string;
  readonly at: number;
  /** The upstream's message. */
  readonly message: string | null;
  /** `approval` (answered from the call's approval), `queue` or `client`. */
  readonly route: string;
  /** accept / decline / cancel / error / other / none, or null while it waits. */
  readonly answer: string | null;
  /** Who or what answered, as one line ("the approval of call …", "operator (denied: …)", "the client" …). */
  readonly answeredBy: string | null;
  readonly answeredAt: number | null;
}

/** One call on a session timeline (also a search hit). */
export interface TimelineRow {
  readonly callId: string;
  readonly sessionId: string;
  readonly at: number;
  readonly tool: string;
  /** The tool arguments as compact JSON, raw: what the in-session search matches besides the fields below. */
  readonly argumentsText: string;
  /** The normalised command (`ssh.command`, else keystrokes), raw. */
  readonly command: string | null;
  readonly host: string | null;
  readonly user: string | null;
  /** Risk class (read-only, exec, transfer …). */
  readonly risk: string | null;
  /** allow / deny / require_approval, or null while undecided. */
  readonly decision: string | null;
  /** The deciding policy rule (or built-in source such as `default`, `fail-closed`). */
  readonly rule: string | null;
  /** The policy's reason, raw. */
  readonly reason: string | null;
  /** How a held call was resolved (approved, denied, edited-and-approved, expired …). */
  readonly approval: string | null;
  /** The operator's reason for denying a held call, raw. */
  readonly denyReason: string | null;
  readonly verdict: CallVerdict;
  readonly decider: CallDecider;
  /** How long the call was held for a human, when it was. */
  readonly waitedMs: number | null;
  /** From forwarding to the upstream's answer, when it was forwarded and answered. */
  readonly ranMs: number | null;
  /** result / error / denied / cancelled / unknown. */
  readonly outcome: string | null;
  /** From receipt to outcome (waiting included). */
  readonly durationMs: number | null;
  /** Upstream prompts that belonged to the call, in arrival order, with their answers. */
  readonly prompts: readonly PromptView[];
}

/** One recorded step of a call, in the order it happened. */
export type CallStepView =
  | { readonly kind: 'received'; readonly at: number }
  | {
      readonly kind: 'decided';
      readonly at: number;
      readonly action: string;
      readonly rule: string;
      readonly reason: string;
    }
  | {
      readonly kind: 'approval';
      readonly at: number;
      readonly outcome: string;
      readonly decider: CallDecider;
      readonly waitedMs: number;
    }
  | { readonly kind: 'forwarded'; readonly at: number; readonly edited: boolean }
  | { readonly kind: 'prompt'; readonly at: number; readonly prompt: PromptView }
  | { readonly kind: 'prompt-answer'; readonly at: number; readonly prompt: PromptView }
  | {
      readonly kind: 'completed';
      readonly at: number;
      readonly outcome: string;
      readonly durationMs: number | null;
    };

/** Everything known about one call. */
export interface CallDetailView extends TimelineRow {
  readonly arguments: JsonObject;
  readonly forwardedArguments: JsonObject | null;
  readonly approver: string | null;
  /** The result text as recorded (within the history cap), raw. */
  readonly output: string | null;
  readonly isError: boolean;
  /** Every step (policy, approval, forwarding, upstream prompts and answers, outcome) in time order. */
  readonly steps: readonly CallStepView[];
}
