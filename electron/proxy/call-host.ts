/**
 * The narrow view of a proxy session that running a `tools/call` needs (tool-call.ts, airlock-tasks.ts).
 * `ProxySession` implements it; the call code never sees the rest of the session, and the files do not
 * import each other in a circle.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CoreEvent } from '../../shared/events';
import type { JsonObject } from '../../shared/json';
import type { SessionInfo } from './interceptor';
import type { RequestId } from './jsonrpc';
import type { ProxySessionOptions } from './session-options';

/** A call waiting at the interception point, as the session sees it. */
export interface HeldCall {
  /** The client cancelled: withdraw silently (no response, per the cancellation spec). */
  cancel(reason: string): void;
  /** The session is ending: answer the client with this error. */
  abandon(message: string): void;
}

/** How a forwarded call is tied to its record and, for Airlock-served tasks, where its answer goes. */
export interface ForwardedCall {
  readonly callId: string;
  readonly receivedAt: number;
  readonly progressOffset: number;
  readonly sink?: (response: JSONRPCMessage) => void;
}

/** What a tool call uses of its session. */
export interface CallHost {
  readonly info: SessionInfo;
  /** Registers a call waiting at the interception point, by client request id key. */
  holdCall(key: string, call: HeldCall): void;
  /** The waiting call under `key`, if any. */
  heldCall(key: string): HeldCall | undefined;
  /** Forgets the waiting call under `key` (it was decided, cancelled or abandoned). */
  releaseCall(key: string): void;
  readonly options: ProxySessionOptions;
  readonly isClosed: boolean;
  now(): number;
  emit(event: CoreEvent): void;
  writeAhead(event: Extract<CoreEvent, { type: 'call.received' }>): Promise<void>;
  toClient(message: JSONRPCMessage): void;
  toolDefinition(name: string): JsonObject | undefined;
  /** Sends a client request upstream under a fresh id; returns that id. */
  forwardRequest(
    id: RequestId,
    method: string,
    params: Record<string, unknown> | undefined,
    call?: ForwardedCall,
  ): number;
  cancelForwarded(upId: number, reason: string, params?: Record<string, unknown>): void;
}
