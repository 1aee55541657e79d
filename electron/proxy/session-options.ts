/**
 * What a proxy session is built from, and the record it keeps per forwarded request.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CoreEvent, SessionEnd, SessionTarget, UpstreamSpec } from '../../shared/events';
import type { CallInterceptor, SessionRouting } from './interceptor';
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

/** A client request forwarded upstream under Airlock's id. */
export interface ForwardedRequest {
  readonly clientId: RequestId;
  readonly method: string;
  readonly callId?: string;
  readonly startedAt: number;
  readonly progressToken?: ProgressToken;
  /** Where the response goes instead of the client (a call running as an Airlock task). */
  readonly sink?: (response: JSONRPCMessage) => void;
  cancelled: boolean;
}
