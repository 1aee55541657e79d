/**
 * The client requests a session has forwarded upstream, each under a fresh Airlock id (so Airlock's own
 * requests never collide with the client's), findable by that id for the upstream's answer and by the
 * client's id for its cancellation. Settling one delivers the answer under the client's own id (or to
 * the call's sink), closes its progress route and, for an intercepted call, records how it ended.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CallOutcome, CoreEvent } from '../../shared/events';
import { idKey, type RequestId } from './jsonrpc';
import type { ProgressRoutes } from './progress-routes';
import type { ForwardedRequest } from './session-options';
import { summariseResult } from './tool-result';

/** What the registry needs from its session. */
export interface ForwardedPeers {
  readonly sessionId: string;
  readonly progress: ProgressRoutes;
  toClient(message: JSONRPCMessage): void;
  emit(event: CoreEvent): void;
  now(): number;
}

/** One session's forwarded requests. */
export class ForwardedRequests {
  private readonly byUpstream = new Map<number, ForwardedRequest>();
  private readonly byClient = new Map<string, number>();
  private nextId = 1;

  constructor(private readonly peers: ForwardedPeers) {}

  /** Registers a request about to go upstream (opening its progress route); returns its upstream id. */
  add(entry: ForwardedRequest, progressOffset: number): number {
    const upId = this.nextId++;
    this.byUpstream.set(upId, entry);
    this.byClient.set(idKey(entry.clientId), upId);
    if (entry.progressToken !== undefined) this.peers.progress.open(entry.progressToken, progressOffset);
    return upId;
  }

  /** The request forwarded under `upId`. */
  get(upId: number): ForwardedRequest | undefined {
    return this.byUpstream.get(upId);
  }

  /** The upstream id of the client's request `clientId`, while it is forwarded. */
  upstreamIdOf(clientId: RequestId): number | undefined {
    return this.byClient.get(idKey(clientId));
  }

  /** Forgets a request that was answered (or is being answered) another way. */
  drop(upId: number, entry: ForwardedRequest): void {
    this.byUpstream.delete(upId);
    this.byClient.delete(idKey(entry.clientId));
    this.peers.progress.close(entry.progressToken);
  }

  /** Answers a forwarded request under the client's own id, forgets it and records the call's outcome. */
  settle(upId: number, response: JSONRPCMessage): void {
    const entry = this.byUpstream.get(upId);
    if (!entry) return;
    this.drop(upId, entry);
    if (entry.cancelled) return;
    this.deliver(entry, response);
    if (!entry.callId) return;
    const r = response as { result?: Record<string, unknown>; error?: { code: number; message: string } };
    this.complete(
      entry,
      r.result
        ? summariseResult(r.result)
        : { kind: 'rpc-error', code: r.error?.code ?? 0, message: r.error?.message ?? '' },
    );
  }

  /** Ends an intercepted call outside the upstream's answer: its response (if any), then its outcome. */
  end(entry: ForwardedRequest, response: JSONRPCMessage | null, outcome: CallOutcome): void {
    if (response) this.deliver(entry, response);
    this.complete(entry, outcome);
  }

  /** Records how an intercepted call ended. */
  complete(entry: ForwardedRequest, outcome: CallOutcome): void {
    if (!entry.callId) return;
    const at = this.peers.now();
    this.peers.emit({
      type: 'call.completed',
      at,
      sessionId: this.peers.sessionId,
      callId: entry.callId,
      outcome,
      durationMs: at - entry.startedAt,
    });
  }

  /** Every forwarded request, with its upstream id (a copy: safe to settle while iterating). */
  all(): [number, ForwardedRequest][] {
    return [...this.byUpstream];
  }

  private deliver(entry: ForwardedRequest, response: JSONRPCMessage): void {
    const out = { ...(response as Record<string, unknown>), id: entry.clientId } as JSONRPCMessage;
    if (entry.sink) entry.sink.respond(out);
    else this.peers.toClient(out);
  }
}
