/**
 * The core's event stream: everything a proxy session does, in order. The history store, the approval
 * queue projection and the UI subscribe to it. Events are plain serialisable data (no class instances),
 * delivered synchronously in emission order, so a subscriber that writes before returning (history's
 * write-ahead row) is guaranteed to run before the call is forwarded upstream.
 */
import type { Json, JsonObject } from './json';
import type { CallFields } from './policy/fields';

/** Where a session's upstream runs. */
export type UpstreamSpec =
  | {
      readonly transport: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      readonly cwd?: string;
      /** Only the variable names: values may hold secrets and are never recorded. */
      readonly envKeys?: readonly string[];
    }
  | { readonly transport: 'http'; readonly url: string };

/** What the bridge asked for: a saved profile, or an inline command with a label. */
export type SessionTarget =
  { readonly kind: 'profile'; readonly name: string } | { readonly kind: 'inline'; readonly label: string };

/** The peer identity exchanged in `initialize` (clientInfo or serverInfo), kept raw. */
export interface PeerInfo {
  readonly name: string;
  readonly version: string;
  readonly title?: string;
}

/** Why a session ended. */
export type SessionEnd =
  | { readonly kind: 'client-closed' }
  | {
      readonly kind: 'upstream-exited';
      readonly code: number | null;
      readonly signal: string | null;
      readonly stderrTail: readonly string[];
    }
  | { readonly kind: 'upstream-failed'; readonly message: string }
  | { readonly kind: 'core-shutdown' }
  | { readonly kind: 'error'; readonly message: string };

/** What policy (or the session itself) decided for one `tools/call`. */
export interface CallDecision {
  readonly action: 'allow' | 'deny' | 'require_approval';
  /** Identifier of the rule that decided, or a built-in source such as `default` or `fail-closed`. */
  readonly rule: string;
  /** One line a human can read. */
  readonly reason: string;
}

/** How a held call was resolved; absent when policy decided alone. */
export type ApprovalOutcome =
  | { readonly kind: 'approved'; readonly by: string; readonly scope: 'once' | 'session' | 'always' }
  | { readonly kind: 'edited-and-approved'; readonly by: string; readonly original: JsonObject }
  | { readonly kind: 'denied'; readonly by: string; readonly reason: string }
  | { readonly kind: 'expired' }
  | { readonly kind: 'withdrawn-by-client' }
  | { readonly kind: 'invalidated'; readonly reason: string }
  | { readonly kind: 'session-grant' };

/** How a `tools/call` ended, as the client saw it. */
export type CallOutcome =
  | { readonly kind: 'result'; readonly isError: boolean; readonly text: string; readonly bytes: number }
  | { readonly kind: 'rpc-error'; readonly code: number; readonly message: string }
  | { readonly kind: 'denied'; readonly reason: string }
  | { readonly kind: 'cancelled'; readonly reason: string };

/**
 * A call running upstream that an upstream prompt may belong to. Every string is untrusted. (A type
 * alias, not an interface, so it stays plain JSON data for history's canonical records.)
 */
export type PromptCall = {
  readonly callId: string;
  readonly tool: string;
  /** The command text that went upstream (as approved or edited), when the call carries one. */
  readonly command: string | null;
  /** Whether an operator approved the call: once, for the session, edited, always, or by a session grant. */
  readonly approved: boolean;
};

/**
 * Where an upstream prompt went: answered at once from the operator's approval of the call it belongs
 * to, held as its own queue item, or forwarded to the MCP client (profile `elicitation: client`).
 */
export type PromptRoute = 'approval' | 'queue' | 'client';

/**
 * How a prompt was tied to its call(s): the call's command text appears in the prompt, or the call is the
 * only one of the session running upstream; `none` when neither holds.
 */
export type PromptLinkBasis = 'command' | 'only-call' | 'none';

/** What went back to the upstream for its prompt. */
export type PromptAnswer =
  | { readonly kind: 'accept'; readonly content: JsonObject }
  | { readonly kind: 'decline' }
  | { readonly kind: 'cancel' }
  /** A client's result naming no known action, relayed as it was. */
  | { readonly kind: 'other'; readonly result: Json }
  /** A JSON-RPC error (the client's), relayed. */
  | { readonly kind: 'error'; readonly code: number | null; readonly message: string }
  /** Nothing was sent: the upstream withdrew its request, or the session ended first. */
  | { readonly kind: 'none'; readonly reason: string };

/** Who or what answered an upstream prompt. */
export type PromptAnsweredBy =
  /** The operator's approval of call `callId`: one decision per command, no second queue item. */
  | { readonly kind: 'approval'; readonly callId: string; readonly outcome: ApprovalOutcome }
  /** The prompt's own queue item: the operator's decision, or its expiry, withdrawal or invalidation. */
  | { readonly kind: 'queue'; readonly itemId: string; readonly outcome: ApprovalOutcome }
  /** The MCP client, to which the prompt was forwarded; `answer` is the client's. */
  | { readonly kind: 'client' };

/** Every event the core emits, discriminated by `type`. */
export type CoreEvent =
  | {
      readonly type: 'session.opened';
      readonly at: number;
      readonly sessionId: string;
      readonly target: SessionTarget;
      readonly serverName: string;
      readonly upstream: UpstreamSpec;
    }
  | {
      readonly type: 'session.initialized';
      readonly at: number;
      readonly sessionId: string;
      readonly client: PeerInfo;
      readonly server: PeerInfo;
      readonly protocolVersion: string;
      readonly clientCapabilities: JsonObject;
      readonly serverCapabilities: JsonObject;
    }
  | {
      readonly type: 'session.closed';
      readonly at: number;
      readonly sessionId: string;
      readonly end: SessionEnd;
    }
  | {
      readonly type: 'tools.listed';
      readonly at: number;
      readonly sessionId: string;
      readonly tools: readonly JsonObject[];
    }
  | {
      readonly type: 'call.received';
      readonly at: number;
      readonly sessionId: string;
      readonly callId: string;
      readonly tool: string;
      readonly arguments: JsonObject;
    }
  | {
      readonly type: 'call.decided';
      readonly at: number;
      readonly sessionId: string;
      readonly callId: string;
      readonly decision: CallDecision;
      /** Normalised fields the policy engine derived (ssh.host, ssh.command, risk …), for history and UI. */
      readonly fields?: CallFields;
    }
  | {
      readonly type: 'call.approval';
      readonly at: number;
      readonly sessionId: string;
      readonly callId: string;
      readonly outcome: ApprovalOutcome;
      readonly waitedMs: number;
    }
  | {
      readonly type: 'call.forwarded';
      readonly at: number;
      readonly sessionId: string;
      readonly callId: string;
      /** Exactly the arguments sent upstream. */
      readonly arguments: JsonObject;
      readonly edited: boolean;
    }
  | {
      readonly type: 'call.completed';
      readonly at: number;
      readonly sessionId: string;
      readonly callId: string;
      readonly outcome: CallOutcome;
      readonly durationMs: number;
    }
  | {
      /** An upstream's own prompt (`elicitation/create`, e.g. ssh-mcp's confirmation) arrived. */
      readonly type: 'prompt.received';
      readonly at: number;
      readonly sessionId: string;
      /** Airlock's id for the prompt, repeated by its `prompt.answered`. */
      readonly promptId: string;
      /** The call it belongs to when exactly one is related; null otherwise (see `related`). */
      readonly callId: string | null;
      readonly method: string;
      /** The upstream's params, exactly as sent (untrusted). */
      readonly params: JsonObject;
      /** The session's calls running upstream that the prompt is tied to, by `linkedBy`. */
      readonly related: readonly PromptCall[];
      readonly linkedBy: PromptLinkBasis;
      readonly route: PromptRoute;
      /** The queue item holding the prompt (route `queue`), else null. */
      readonly itemId: string | null;
    }
  | {
      /** An upstream prompt was answered, or ended without an answer. Exactly one per `prompt.received`. */
      readonly type: 'prompt.answered';
      readonly at: number;
      readonly sessionId: string;
      readonly promptId: string;
      /** As in the prompt's `prompt.received`. */
      readonly callId: string | null;
      readonly answer: PromptAnswer;
      readonly by: PromptAnsweredBy;
      readonly waitedMs: number;
    }
  | {
      readonly type: 'session.log';
      readonly at: number;
      readonly sessionId: string;
      readonly level: 'info' | 'warning' | 'error';
      readonly source: 'upstream-stderr' | 'protocol' | 'core';
      readonly message: string;
    };

/** The `type` of every core event. */
export type CoreEventType = CoreEvent['type'];

/** A subscriber to the core event stream. */
export type CoreEventListener = (event: CoreEvent) => void;
