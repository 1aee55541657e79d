/**
 * Requests the upstream sends to the client (sampling, elicitation, roots): relayed under Airlock's own
 * ids, or answered at the interception point (an upstream confirmation prompt answered from the approval
 * queue). Cancellations follow them either way: an upstream `notifications/cancelled` reaches the client
 * for a relayed request, and withdraws the queue item for an intercepted one. A relayed request whose
 * verdict asked for it hears how it ended (the client's answer, or none), so history can record it.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { JsonObject } from '../../shared/json';
import type { CallInterceptor, RelayedAnswer, ServerRequestVerdict, SessionInfo } from './interceptor';
import { idKey, RpcErrorCode, type RequestId } from './jsonrpc';

/** What the relay needs from its session. */
export interface ServerRequestPeers {
  readonly info: SessionInfo;
  readonly interceptor: CallInterceptor;
  toClient(message: JSONRPCMessage): void;
  toUpstream(message: JSONRPCMessage): void;
  isClosed(): boolean;
}

/** A request relayed to the client: the upstream's id, and who wants to hear how it ended. */
interface Relayed {
  readonly upstreamId: RequestId;
  /** Cleared once told: a request ends once. */
  onAnswer: ((answer: RelayedAnswer) => void) | undefined;
}

/** The server→client requests of one session. */
export class ServerRequests {
  /** Relayed requests by the id the client sees. */
  private readonly relayed = new Map<number, Relayed>();
  private readonly clientIdOf = new Map<string, number>();
  /** Requests waiting at the interception point, by upstream id. */
  private readonly intercepted = new Map<string, AbortController>();
  private nextClientId = 1;

  constructor(private readonly peers: ServerRequestPeers) {}

  /** Handles a request from the upstream. */
  fromUpstream(id: RequestId, method: string, params: Record<string, unknown> | undefined): void {
    const { interceptor } = this.peers;
    if (!interceptor.onServerRequest) return this.relay(id, method, params);
    const controller = new AbortController();
    let verdict: ServerRequestVerdict | Promise<ServerRequestVerdict>;
    try {
      verdict = interceptor.onServerRequest({
        session: this.peers.info,
        method,
        params: (params ?? {}) as JsonObject,
        signal: controller.signal,
      });
    } catch (error) {
      verdict = failedVerdict(error);
    }
    if (!(verdict instanceof Promise)) return this.apply(id, method, params, verdict);
    const key = idKey(id);
    this.intercepted.set(key, controller);
    verdict.then(
      (v) => {
        // A request the upstream cancelled (or a closed session) gets no answer.
        if (this.intercepted.delete(key)) this.apply(id, method, params, v);
      },
      (error: unknown) => {
        if (this.intercepted.delete(key)) this.apply(id, method, params, failedVerdict(error));
      },
    );
  }

  /** Routes the client's answer to a relayed request; false when the id is not one of ours. */
  clientResponse(id: RequestId, body: { result: unknown } | { error: unknown }): boolean {
    const clientId = typeof id === 'number' ? id : Number.NaN;
    const entry = this.relayed.get(clientId);
    if (entry === undefined) return false;
    this.relayed.delete(clientId);
    this.clientIdOf.delete(idKey(entry.upstreamId));
    this.peers.toUpstream({ jsonrpc: '2.0', id: entry.upstreamId, ...body } as JSONRPCMessage);
    tell(
      entry,
      'result' in body ? { kind: 'result', result: body.result } : { kind: 'error', error: body.error },
    );
    return true;
  }

  /** The upstream cancelled one of its requests. */
  upstreamCancelled(requestId: RequestId, params: Record<string, unknown>): void {
    const key = idKey(requestId);
    const controller = this.intercepted.get(key);
    if (controller) {
      this.intercepted.delete(key);
      controller.abort(new Error('the upstream withdrew its request'));
      return;
    }
    const clientId = this.clientIdOf.get(key);
    if (clientId === undefined) return;
    // A late answer from the client is still relayed (as before); the listener hears only this end.
    const entry = this.relayed.get(clientId);
    if (entry) tell(entry, { kind: 'none', reason: 'the upstream withdrew its request' });
    this.peers.toClient({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { ...params, requestId: clientId },
    });
  }

  /** The session ended: withdraw everything still waiting at the interception point. */
  close(): void {
    for (const controller of this.intercepted.values()) controller.abort(new Error('the session ended'));
    this.intercepted.clear();
    const relayed = [...this.relayed.values()];
    this.relayed.clear();
    this.clientIdOf.clear();
    for (const entry of relayed) tell(entry, { kind: 'none', reason: 'the session ended' });
  }

  private apply(
    id: RequestId,
    method: string,
    params: Record<string, unknown> | undefined,
    verdict: ServerRequestVerdict,
  ): void {
    if (this.peers.isClosed()) {
      if (verdict.kind === 'forward')
        tell({ upstreamId: id, onAnswer: verdict.onAnswer }, { kind: 'none', reason: 'the session ended' });
      return;
    }
    if (verdict.kind === 'forward') return this.relay(id, method, params, verdict.onAnswer);
    const body =
      verdict.kind === 'reply'
        ? { result: verdict.result }
        : { error: { code: verdict.code, message: verdict.message } };
    this.peers.toUpstream({ jsonrpc: '2.0', id, ...body });
  }

  private relay(
    id: RequestId,
    method: string,
    params: Record<string, unknown> | undefined,
    onAnswer?: (answer: RelayedAnswer) => void,
  ): void {
    const clientId = this.nextClientId++;
    this.relayed.set(clientId, { upstreamId: id, onAnswer });
    this.clientIdOf.set(idKey(id), clientId);
    this.peers.toClient({
      jsonrpc: '2.0',
      id: clientId,
      method,
      ...(params === undefined ? {} : { params }),
    });
  }
}

/** Tells a relayed request's listener how it ended; a throwing listener never breaks routing. */
function tell(entry: Relayed, answer: RelayedAnswer): void {
  const listener = entry.onAnswer;
  entry.onAnswer = undefined;
  try {
    listener?.(answer);
  } catch {
    // The listener only records; the message has already gone where it had to.
  }
}

/** The verdict for an interceptor that threw or rejected: an internal error, with its message. */
export function failedVerdict(error: unknown): ServerRequestVerdict {
  return {
    kind: 'error',
    code: RpcErrorCode.InternalError,
    message: `Airlock: ${error instanceof Error ? error.message : String(error)}`,
  };
}
