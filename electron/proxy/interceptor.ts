/**
 * The seam where policy and approvals plug into a proxy session. The session owns the wire (ids,
 * progress, cancellation, ordering); an interceptor only decides what happens to a call.
 */
import type {
  ApprovalOutcome,
  CallDecision,
  PeerInfo,
  SessionTarget,
  UpstreamSpec,
} from '../../shared/events';
import type { JsonObject } from '../../shared/json';
import type { McpEra } from '../../shared/mcp-era';
import type { CallFields } from '../../shared/policy/fields';

/** How a server's held calls and upstream prompts are handled. */
export interface SessionRouting {
  /** Where the upstream's own `elicitation/create` goes: Airlock's queue, or the client. */
  readonly elicitation: 'queue' | 'client';
  /** For clients with short fixed time-outs: answer "pending approval, retry" after this long. */
  readonly answerEarlyMs: number | null;
}

/** What a session knows about itself, for policy and display. */
export interface SessionInfo {
  readonly sessionId: string;
  /** The server profile name, or the inline label. */
  readonly serverName: string;
  readonly target: SessionTarget;
  readonly upstream: UpstreamSpec;
  /** Per-server handling from the profile (defaults for inline servers). */
  readonly routing: SessionRouting;
  /** The wire era, once the client's first message told it (`initialize`, or a modern envelope). */
  readonly era?: McpEra;
  readonly client?: PeerInfo;
  readonly server?: PeerInfo;
  /** Client capabilities as sent in `initialize` (or the latest modern request's envelope), raw. */
  readonly clientCapabilities?: JsonObject;
  /** Upstream capabilities as answered to `initialize` (or `server/discover`), raw. */
  readonly serverCapabilities?: JsonObject;
}

/** One `tools/call` held at the interception point. */
export interface ToolCallContext {
  readonly session: SessionInfo;
  /** Airlock's id for the call (unique across sessions), used by history and the approval queue. */
  readonly callId: string;
  readonly tool: string;
  /** Arguments exactly as the client sent them (untrusted). */
  readonly arguments: JsonObject;
  /** The tool's definition from the latest `tools/list` of this session, when seen. */
  readonly toolDefinition?: JsonObject;
  /** Aborted when the client cancels the call, the session ends, or the core shuts down. */
  readonly signal: AbortSignal;
  /** Whether the client supplied a progress token (keepalives are possible). */
  readonly canReportProgress: boolean;
  /** Sends a keepalive `notifications/progress` with this message; a no-op without a progress token. */
  reportProgress(message: string): void;
  /**
   * The call now waits in the operator's queue. A modern client that declared the tasks extension is
   * answered at once with a task; the decision still arrives through the verdict.
   */
  queued(): void;
  /** Emits `call.decided` for this call (once); the session emits a fail-closed decision otherwise. */
  recordDecision(decision: CallDecision, fields?: CallFields): void;
  /** Emits `call.approval`: how a held call was resolved, and how long it waited. */
  recordApproval(outcome: ApprovalOutcome, waitedMs: number): void;
}

/** An MCP `CallToolResult` as sent to the client. */
export interface ToolResult {
  readonly content: readonly JsonObject[];
  readonly isError?: boolean;
  readonly [key: string]: unknown;
}

/** What to do with an intercepted call. */
export type CallVerdict =
  /** Send upstream with exactly these arguments (the originals, or the operator's edit). */
  | { readonly kind: 'forward'; readonly arguments: JsonObject; readonly edited: boolean }
  /** Answer the client directly (a denial, or "pending approval, retry"); nothing goes upstream. */
  | {
      readonly kind: 'reply';
      readonly result: ToolResult;
      readonly denied: boolean;
      readonly reason: string;
    };

/** How a request relayed to the client ended: the client's result or error, or no answer at all. */
export type RelayedAnswer =
  | { readonly kind: 'result'; readonly result: unknown }
  | { readonly kind: 'error'; readonly error: unknown }
  /** The upstream withdrew the request, or the session ended, before the client answered. */
  | { readonly kind: 'none'; readonly reason: string };

/** What to do with a request the upstream sends to the client (sampling, elicitation, roots). */
export type ServerRequestVerdict =
  /** Relay it to the client; `onAnswer` hears how it ended (once), e.g. for history. */
  | { readonly kind: 'forward'; readonly onAnswer?: (answer: RelayedAnswer) => void }
  | { readonly kind: 'reply'; readonly result: JsonObject }
  | { readonly kind: 'error'; readonly code: number; readonly message: string };

/** A server→client request seen at the interception point (e.g. ssh-mcp's `elicitation/create`). */
export interface ServerRequestContext {
  readonly session: SessionInfo;
  readonly method: string;
  readonly params: JsonObject;
  readonly signal: AbortSignal;
}

/** Policy and approvals, as seen by a proxy session: `onToolCall` is required; the other hooks are optional. */
export interface CallInterceptor {
  /** Decides a `tools/call`. Throwing denies the call (fail closed). */
  onToolCall(ctx: ToolCallContext): Promise<CallVerdict>;
  /** Rewrites a `tools/list` result page (hide tools, record pins). Must return a new object. */
  onToolsList?(session: SessionInfo, result: JsonObject): JsonObject;
  /**
   * Decides a request from the upstream to the client. A synchronous `forward` keeps the message in
   * stream order; a promise holds it (e.g. ssh-mcp's elicitation answered from the approval queue).
   */
  onServerRequest?(ctx: ServerRequestContext): ServerRequestVerdict | Promise<ServerRequestVerdict>;
  /**
   * Rewrites the capabilities the client declares before they go upstream, in `initialize` or in an
   * intercepted modern call's envelope (e.g. declaring elicitation so an upstream's own approval prompts
   * can be answered from Airlock's queue). Returns the input itself when nothing changes.
   */
  onClientCapabilities?(session: SessionInfo, capabilities: JsonObject): JsonObject;
  /** Called once when a session ends, so per-session state (grants, held calls) can be dropped. */
  onSessionEnd?(session: SessionInfo): void;
}
