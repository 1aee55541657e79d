/**
 * The narrow view of a proxy session that running a `tools/call` needs (tool-call.ts, airlock-tasks.ts).
 * `ProxySession` implements it; the call code never sees the rest of the session, and the files do not
 * import each other in a circle.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CoreEvent } from '../../shared/events';
import type { JsonObject } from '../../shared/json';
import type { SessionInfo } from './interceptor';
import type { ExtensionTasks } from './extension-tasks';
import type { RequestId } from './jsonrpc';
import type { CallSink, HeldCall, ProxySessionOptions } from './session-options';

export type { CallSink, HeldCall, InputControls } from './session-options';

/** How a forwarded call is tied to its record, and where its answer goes. */
export interface ForwardedCall {
  readonly callId: string;
  readonly receivedAt: number;
  readonly progressOffset: number;
  readonly sink?: CallSink;
  /** How many `input_required` rounds Airlock has answered for this call so far. */
  readonly round?: number;
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
  /** Held calls answered as tasks of the modern tasks extension. */
  readonly extensionTasks: ExtensionTasks;
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
