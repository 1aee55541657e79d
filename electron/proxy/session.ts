/**
 * One proxy session: an MCP client (through its bridge) on one side, the real upstream server on the
 * other. Messages are routed at the JSON-RPC level, in arrival order, with their fields untouched:
 * request ids are remapped per leg (so Airlock's own requests never collide with the peers'), progress
 * tokens and cancellations follow their requests, and only `tools/call` stops at the interception point.
 *
 * Why not the SDK's Protocol layer (Server down + Client up)? Its typed schemas drop unknown capability
 * keys in `initialize`, it answers `ping` and `logging/setLevel` locally, and its asynchronous sends can
 * deliver a relayed result before that request's progress. Routing raw messages avoids all three; the
 * SDK still provides the message schemas and the Streamable HTTP transport.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CoreEvent, SessionEnd } from '../../shared/events';
import type { JsonObject } from '../../shared/json';
import type { SessionInfo } from './interceptor';
import type { ForwardedRequest, ProxySessionOptions } from './session-options';
import {
  classify,
  errorResponse,
  idKey,
  parseLine,
  RpcErrorCode,
  type ClassifiedMessage,
  type RequestId,
} from './jsonrpc';
import { ProgressRoutes, progressTokenOf } from './progress-routes';
import { endMessage } from './session-end';
import { AirlockTasks } from './airlock-tasks';
import { capabilitiesOf, peerInfo } from './peer-info';
import { ServerRequests } from './server-requests';
import { filterToolsList, ToolCatalog } from './tool-catalog';
import type { CallHost, ForwardedCall, HeldCall } from './call-host';
import { runToolCall } from './tool-call';
import { summariseResult } from './tool-result';
import type { Upstream } from './upstream';

/** Routes one MCP session between a client and its upstream. */
export class ProxySession implements CallHost {
  readonly info: { -readonly [K in keyof SessionInfo]: SessionInfo[K] };
  private readonly upstream: Upstream;
  private readonly progress = new ProgressRoutes();
  private readonly forwarded = new Map<number, ForwardedRequest>();
  private readonly clientToUpstream = new Map<string, number>();
  private readonly held = new Map<string, HeldCall>();
  private readonly serverRequests: ServerRequests;
  private readonly tools = new ToolCatalog();
  /** Held calls the client asked to run as tasks, served by Airlock when the upstream has no tasks. */
  readonly tasks = new AirlockTasks(this);
  private preInit: JSONRPCMessage[] | null = [];
  private nextUpstreamId = 1;
  private upstreamError: string | null = null;
  private ready: Promise<void> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(readonly options: ProxySessionOptions) {
    this.info = {
      sessionId: options.sessionId,
      serverName: options.serverName,
      target: options.target,
      upstream: options.upstreamSpec,
      routing: options.routing ?? { elicitation: 'queue', answerEarlyMs: null },
    };
    this.serverRequests = new ServerRequests({
      info: this.info,
      interceptor: options.interceptor,
      toClient: (message) => this.toClient(message),
      toUpstream: (message) => this.upstreamSend(message),
      isClosed: () => this.closed,
    });
    this.upstream = options.createUpstream({
      message: (message) => this.fromUpstream(message),
      invalid: (reason) => this.log('warning', 'protocol', reason),
      stderr: (line) => this.log('info', 'upstream-stderr', line),
      exit: (exit) => {
        const tail = this.upstream.stderrTail?.() ?? [];
        void this.close(
          { kind: 'upstream-exited', code: exit.code, signal: exit.signal, stderrTail: tail },
          exit.message,
        );
      },
    });
  }

  /** How many calls wait at the interception point (for the console's session list). */
  get pendingCalls(): number {
    return this.held.size;
  }

  /** See {@link CallHost.holdCall}. */
  holdCall(key: string, call: HeldCall): void {
    this.held.set(key, call);
  }

  /** See {@link CallHost.heldCall}. */
  heldCall(key: string): HeldCall | undefined {
    return this.held.get(key);
  }

  /** See {@link CallHost.releaseCall}. */
  releaseCall(key: string): void {
    this.held.delete(key);
  }

  /** Current time, injectable for tests. */
  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Starts the upstream; requests that arrive meanwhile wait for it. */
  start(): Promise<void> {
    const { emit, sessionId, target, serverName, upstreamSpec } = this.options;
    emit({ type: 'session.opened', at: this.now(), sessionId, target, serverName, upstream: upstreamSpec });
    this.ready = this.upstream.start().catch((error: unknown) => {
      this.upstreamError = `Airlock could not start upstream server '${serverName}': ${(error as Error).message}`;
      this.log('error', 'core', this.upstreamError);
    });
    return this.ready;
  }

  /** Handles one raw line from the client. Never throws; invalid input is answered, not forwarded. */
  fromClientLine(line: string): void {
    if (this.closed) return;
    const parsed = parseLine(line);
    if (!parsed.ok) {
      this.log('warning', 'protocol', `client sent an invalid message: ${parsed.reason}`);
      this.toClient(errorResponse(parsed.id, parsed.code, parsed.reason));
      return;
    }
    this.fromClient(parsed.classified);
  }

  private fromClient(m: ClassifiedMessage): void {
    switch (m.kind) {
      case 'request':
        return this.clientRequest(m.id, m.method, m.params);
      case 'notification':
        return this.clientNotification(m.method, m.params);
      case 'result':
      case 'error':
        return this.clientResponse(m);
    }
  }

  private clientRequest(id: RequestId, method: string, params: Record<string, unknown> | undefined): void {
    if (method === 'initialize' && params) {
      this.info.client = peerInfo(params.clientInfo);
      this.info.clientCapabilities = capabilitiesOf(params.capabilities);
    }
    if (method === 'server/discover') {
      // A legacy (2025-11-25) endpoint must not let a modern upstream answer discovery for it.
      this.toClient(errorResponse(id, RpcErrorCode.MethodNotFound, 'Method not found: server/discover'));
      return;
    }
    if (this.tasks.handles(method, params)) {
      this.tasks.request(id, method, params ?? {});
      return;
    }
    if (method === 'tools/call') {
      if (params?.task !== undefined && this.tasks.enabled) this.tasks.toolCall(id, params);
      else void runToolCall(this, id, params ?? {});
      return;
    }
    if (method === 'initialize' && params && this.options.interceptor.onInitialize) {
      this.forwardRequest(id, method, this.options.interceptor.onInitialize(this.info, params as JsonObject));
      return;
    }
    this.forwardRequest(id, method, params);
  }

  /** Sends a client request upstream under a fresh id, once the upstream is up. */
  forwardRequest(
    id: RequestId,
    method: string,
    params: Record<string, unknown> | undefined,
    call?: ForwardedCall,
  ): number {
    const upId = this.nextUpstreamId++;
    const progressToken = progressTokenOf(params);
    const entry: ForwardedRequest = {
      clientId: id,
      method,
      callId: call?.callId,
      startedAt: call?.receivedAt ?? this.now(),
      progressToken,
      ...(call?.sink ? { sink: call.sink } : {}),
      cancelled: false,
    };
    this.forwarded.set(upId, entry);
    this.clientToUpstream.set(idKey(id), upId);
    if (progressToken !== undefined) this.progress.open(progressToken, call?.progressOffset ?? 0);
    const message = {
      jsonrpc: '2.0',
      id: upId,
      method,
      ...(params === undefined ? {} : { params }),
    } as JSONRPCMessage;
    void this.ready.then(() => {
      if (this.closed || entry.cancelled) return;
      if (this.upstreamError !== null) {
        this.settleForwarded(upId, errorResponse(upId, RpcErrorCode.Unavailable, this.upstreamError));
        return;
      }
      this.upstream.send(message);
    });
    return upId;
  }

  /**
   * Cancels a forwarded request on the upstream (a client's `notifications/cancelled`, or `tasks/cancel` of
   * a running Airlock task); `params` carries the client's own notification fields through unchanged.
   */
  cancelForwarded(upId: number, reason: string, params: Record<string, unknown> = { reason }): void {
    const entry = this.forwarded.get(upId);
    if (!entry || entry.cancelled) return;
    entry.cancelled = true;
    this.forwarded.delete(upId);
    this.clientToUpstream.delete(idKey(entry.clientId));
    this.progress.close(entry.progressToken);
    this.upstreamSend({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { ...params, requestId: upId },
    });
    this.completeCall(entry, { kind: 'cancelled', reason });
  }

  private clientNotification(method: string, params: Record<string, unknown> | undefined): void {
    if (method === 'notifications/cancelled') {
      const requestId = params?.requestId;
      if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
      const key = idKey(requestId);
      const reason = typeof params?.reason === 'string' ? params.reason : 'cancelled by the client';
      const held = this.held.get(key);
      if (held) held.cancel(reason);
      const upId = this.clientToUpstream.get(key);
      if (!held && upId !== undefined) this.cancelForwarded(upId, reason, params);
      return;
    }
    this.upstreamSend({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  private clientResponse(m: Extract<ClassifiedMessage, { kind: 'result' | 'error' }>): void {
    const body = m.kind === 'result' ? { result: m.result } : { error: m.error };
    if (m.id === undefined || !this.serverRequests.clientResponse(m.id, body)) {
      this.log('warning', 'protocol', `client answered an unknown request id ${String(m.id)}; dropped`);
    }
  }

  private fromUpstream(message: JSONRPCMessage): void {
    if (this.closed) return;
    const c = classify(message);
    switch (c.kind) {
      case 'result':
      case 'error':
        return this.upstreamResponse(c);
      case 'request':
        return this.beforeInit(message, () => this.serverRequests.fromUpstream(c.id, c.method, c.params));
      case 'notification':
        return this.beforeInit(message, () => this.upstreamNotification(c.method, c.params, message));
    }
  }

  /** Holds upstream-initiated messages until the client has the initialize result. */
  private beforeInit(message: JSONRPCMessage, deliver: () => void): void {
    if (this.preInit) {
      this.preInit.push(message);
      return;
    }
    deliver();
  }

  private upstreamResponse(c: Extract<ClassifiedMessage, { kind: 'result' | 'error' }>): void {
    const upId = typeof c.id === 'number' ? c.id : Number.NaN;
    if (!this.forwarded.has(upId)) {
      this.log('warning', 'protocol', `upstream answered an unknown request id ${String(c.id)}; dropped`);
      return;
    }
    const entry = this.forwarded.get(upId);
    if (entry?.method === 'initialize' && c.kind === 'result') {
      this.onInitialized(c.result);
      const result = this.tasks.onInitializeResult(c.result);
      this.settleForwarded(upId, { jsonrpc: '2.0', id: upId, result });
      this.flushPreInit();
      return;
    }
    if (entry?.method === 'tools/list' && c.kind === 'result') {
      this.settleForwarded(upId, { jsonrpc: '2.0', id: upId, result: this.onToolsList(c.result) });
      return;
    }
    const body = c.kind === 'result' ? { result: c.result } : { error: c.error };
    this.settleForwarded(upId, { jsonrpc: '2.0', id: upId, ...body });
    if (entry?.method === 'initialize') this.flushPreInit();
  }

  /** Answers a forwarded request to the client under its own id and forgets it. */
  private settleForwarded(upId: number, response: JSONRPCMessage): void {
    const entry = this.forwarded.get(upId);
    if (!entry) return;
    this.forwarded.delete(upId);
    this.clientToUpstream.delete(idKey(entry.clientId));
    this.progress.close(entry.progressToken);
    if (entry.cancelled) return;
    const out = { ...(response as Record<string, unknown>), id: entry.clientId } as JSONRPCMessage;
    if (entry.sink) entry.sink(out);
    else this.toClient(out);
    if (entry.callId) {
      const r = response as { result?: Record<string, unknown>; error?: { code: number; message: string } };
      this.completeCall(
        entry,
        r.result
          ? summariseResult(r.result)
          : { kind: 'rpc-error', code: r.error?.code ?? 0, message: r.error?.message ?? '' },
      );
    }
  }

  private completeCall(
    entry: ForwardedRequest,
    outcome: Extract<CoreEvent, { type: 'call.completed' }>['outcome'],
  ): void {
    if (!entry.callId) return;
    const at = this.now();
    this.emit({
      type: 'call.completed',
      at,
      sessionId: this.info.sessionId,
      callId: entry.callId,
      outcome,
      durationMs: at - entry.startedAt,
    });
  }

  private onInitialized(result: Record<string, unknown>): void {
    this.info.server = peerInfo(result.serverInfo);
    this.info.serverCapabilities = capabilitiesOf(result.capabilities);
    const protocolVersion = typeof result.protocolVersion === 'string' ? result.protocolVersion : '';
    if (protocolVersion) this.upstream.setProtocolVersion(protocolVersion);
    this.emit({
      type: 'session.initialized',
      at: this.now(),
      sessionId: this.info.sessionId,
      client: this.info.client ?? peerInfo(undefined),
      server: this.info.server,
      protocolVersion,
      clientCapabilities: this.info.clientCapabilities ?? capabilitiesOf(undefined),
      serverCapabilities: this.info.serverCapabilities,
    });
  }

  private flushPreInit(): void {
    const queued = this.preInit ?? [];
    this.preInit = null;
    for (const message of queued) this.fromUpstream(message);
  }

  private onToolsList(upstreamResult: Record<string, unknown>): Record<string, unknown> {
    const tools = this.tools.record(upstreamResult);
    this.emit({ type: 'tools.listed', at: this.now(), sessionId: this.info.sessionId, tools });
    return filterToolsList(this.options.interceptor, this.info, this.tasks.onToolsList(upstreamResult), (m) =>
      this.log('error', 'core', m),
    );
  }

  /** The tool's definition from the latest `tools/list`, if seen. */
  toolDefinition(name: string): JsonObject | undefined {
    return this.tools.definition(name);
  }

  private upstreamNotification(
    method: string,
    params: Record<string, unknown> | undefined,
    raw: JSONRPCMessage,
  ): void {
    if (method === 'notifications/progress') {
      const rewritten = this.progress.rewrite(params);
      if (rewritten) this.toClient(rewritten);
      else this.log('info', 'protocol', 'dropped upstream progress for an inactive token');
      return;
    }
    if (method === 'notifications/cancelled') {
      const requestId = params?.requestId;
      if (typeof requestId === 'string' || typeof requestId === 'number') {
        this.serverRequests.upstreamCancelled(requestId, params ?? {});
      }
      return;
    }
    this.toClient(raw);
  }

  /** Sends to the client unless the session is over. */
  toClient(message: JSONRPCMessage): void {
    if (!this.closed) this.options.downstream.send(message);
  }

  private upstreamSend(message: JSONRPCMessage): void {
    void this.ready.then(() => {
      if (!this.closed && this.upstreamError === null) this.upstream.send(message);
    });
  }

  /** Emits a core event. */
  emit(event: CoreEvent): void {
    this.options.emit(event);
  }

  /** Commits the call's write-ahead history row; the call may be forwarded only once this resolves. */
  writeAhead(event: Extract<CoreEvent, { type: 'call.received' }>): Promise<void> {
    return this.options.writeAhead?.(event) ?? Promise.resolve();
  }

  /** Emits a session log line. */
  log(
    level: 'info' | 'warning' | 'error',
    source: 'upstream-stderr' | 'protocol' | 'core',
    message: string,
  ): void {
    this.emit({
      type: 'session.log',
      at: this.now(),
      sessionId: this.info.sessionId,
      level,
      source,
      message,
    });
  }

  /** Whether the session has ended. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Ends the session: every request still waiting gets a clear error, held calls are withdrawn, the
   * upstream is stopped, and the client connection closes. Idempotent.
   */
  close(end: SessionEnd, detail?: string): Promise<void> {
    if (this.closing) return this.closing;
    const message = endMessage(end, this.info.serverName, detail);
    for (const held of [...this.held.values()]) held.abandon(message);
    this.tasks.close(message);
    this.serverRequests.close();
    for (const [upId, entry] of [...this.forwarded]) {
      if (!entry.cancelled)
        this.settleForwarded(upId, errorResponse(upId, RpcErrorCode.ConnectionClosed, message));
    }
    this.closed = true;
    this.options.interceptor.onSessionEnd?.(this.info);
    this.emit({ type: 'session.closed', at: this.now(), sessionId: this.info.sessionId, end });
    this.options.downstream.close(end, message);
    this.closing = this.upstream.close().catch(() => undefined);
    return this.closing;
  }
}
