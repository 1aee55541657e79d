/**
 * The core's event stream: everything a proxy session does, in order. The history store, the approval
 * queue projection and the UI subscribe to it. Events are plain serialisable data (no class instances),
 * delivered synchronously in emission order, so a subscriber that writes before returning (history's
 * write-ahead row) is guaranteed to run before the call is forwarded upstream.
 */
import type { JsonObject } from './json';

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
      readonly fields?: JsonObject;
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
