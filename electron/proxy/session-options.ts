/**
 * What a proxy session is built from, and the record it keeps per forwarded request.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CoreEvent, SessionEnd, SessionTarget, UpstreamSpec } from '../../shared/events';
import type { CallInterceptor, SessionRouting } from './interceptor';
import type { JsonObject } from '../../shared/json';
import type { RequestId } from './jsonrpc';
import type { ProgressToken } from './progress-routes';
import type { Upstream, UpstreamHandlers } from './upstream';

/** The client side of a session: where messages for the client go. */
export interface Downstream {
  send(message: JSONRPCMessage): void;
  /** Ends the connection after everything sent so far has been written; `end` and `message` say why. */
  close(end: SessionEnd, message: string): void;
}

/** Everything a session needs; the core supplies it per bridge connection. */
export interface ProxySessionOptions {
  readonly sessionId: string;
  readonly serverName: string;
  readonly target: SessionTarget;
  readonly upstreamSpec: UpstreamSpec;
  readonly routing?: SessionRouting;
  readonly createUpstream: (handlers: UpstreamHandlers) => Upstream;
  readonly downstream: Downstream;
  readonly interceptor: CallInterceptor;
  readonly emit: (event: CoreEvent) => void;
  readonly now?: () => number;
  /** How often a held call with a progress token gets a keepalive. */
  readonly keepaliveMs?: number;
  readonly makeCallId: () => string;
  /** Durably records a call before it may be forwarded (history's write-ahead row). */
  readonly writeAhead?: (event: Extract<CoreEvent, { type: 'call.received' }>) => Promise<void>;
}

/** A call waiting at the interception point, as the session sees it. */
export interface HeldCall {
  /** The client cancelled: withdraw silently (no response, per the cancellation spec). */
  cancel(reason: string): void;
  /** The session is ending: answer the client with this error. */
  abandon(message: string): void;
}

/** How a call waiting for input the client must give (a modern `input_required`) goes on, or ends. */
export interface InputControls {
  /** Retries the call upstream with these `inputResponses`. */
  resume(inputResponses: JsonObject): void;
  /** The client withdrew: the call ends as cancelled, with no answer. */
  cancel(reason: string): void;
  /** The session or task ended: the call ends with this error. */
  abandon(reason: string): void;
}

/** Where a call's answer goes when it does not go straight back to the client's request (an Airlock task). */
export interface CallSink {
  /** Receives the call's final JSON-RPC response (result or error). */
  respond(message: JSONRPCMessage): void;
  /** The upstream asks for input the client must give; without it, such a result is relayed as it is. */
  inputRequired?(inputRequests: JsonObject, controls: InputControls): void;
  /** The call went upstream (again) under this id, to cancel it there later. */
  forwarded?(upstreamId: number): void;
}

/** A client request forwarded upstream under Airlock's id. */
export interface ForwardedRequest {
  readonly clientId: RequestId;
  readonly method: string;
  readonly callId?: string;
  readonly startedAt: number;
  readonly progressToken?: ProgressToken;
  /** Where the response goes instead of the client (a call running as an Airlock task). */
  readonly sink?: CallSink;
  /** For an intercepted call: the params it was forwarded with (a retry with answers starts from them). */
  readonly params?: Record<string, unknown>;
  /** `input_required` rounds answered by Airlock so far. */
  readonly round: number;
  cancelled: boolean;
}
