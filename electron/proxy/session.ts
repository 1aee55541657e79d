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
import { SessionHandshake, type MutableSessionInfo } from './session-handshake';
import { ForwardedRequests } from './forwarded-requests';
import { ExtensionTasks } from './extension-tasks';
import { InputRounds, isInputRequired } from './input-rounds';
import type { JsonObject } from '../../shared/json';
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
import { capabilitiesOf } from './peer-info';
import { ServerRequests } from './server-requests';
import { filterToolsList, ToolCatalog } from './tool-catalog';
import type { CallHost, ForwardedCall, HeldCall } from './call-host';
import { runToolCall } from './tool-call';
import type { Upstream } from './upstream';

/** Routes one MCP session between a client and its upstream. */
export class ProxySession implements CallHost {
  readonly info: MutableSessionInfo;
  private readonly upstream: Upstream;
  private readonly progress = new ProgressRoutes();
  private readonly forwarded: ForwardedRequests;
  private readonly held = new Map<string, HeldCall>();
  private readonly serverRequests: ServerRequests;
  private readonly tools = new ToolCatalog();
  /** Held calls the client asked to run as tasks, served by Airlock when the upstream has no tasks. */
  readonly tasks = new AirlockTasks(this);
  /** Held calls answered as tasks of the modern tasks extension. */
  readonly extensionTasks = new ExtensionTasks(this);
  private readonly handshake: SessionHandshake;
  private readonly rounds: InputRounds;
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
    this.forwarded = new ForwardedRequests({
      sessionId: options.sessionId,
      progress: this.progress,
      toClient: (message) => this.toClient(message),
      emit: (event) => this.emit(event),
      now: () => this.now(),
    });
    this.serverRequests = new ServerRequests({
      info: this.info,
      interceptor: options.interceptor,
      toClient: (message) => this.toClient(message),
      toUpstream: (message) => this.upstreamSend(message),
      isClosed: () => this.closed,
    });
    this.handshake = new SessionHandshake(this.info, {
      emit: (event) => this.emit(event),
      now: () => this.now(),
      setProtocolVersion: (version) => this.upstream.setProtocolVersion(version),
    });
    this.rounds = new InputRounds({
      info: this.info,
      interceptor: options.interceptor,
      retry: (entry, params) =>
        this.forwardRequest(entry.clientId, 'tools/call', params, {
          callId: entry.callId ?? '',
          receivedAt: entry.startedAt,
          progressOffset: 0,
          ...(entry.sink ? { sink: entry.sink } : {}),
          round: entry.round + 1,
        }),
      end: (entry, response, outcome) => this.forwarded.end(entry, response, outcome),
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
    // Stateless: a modern session has no handshake to hold the upstream's messages for.
    if (this.handshake.clientRequest(method, params)) this.flushPreInit();
    if (this.extensionTasks.handles(method, params)) {
      this.extensionTasks.request(id, method, params ?? {});
      return;
    }
    if (this.tasks.handles(method, params)) {
      this.tasks.request(id, method, params ?? {});
      return;
    }
    if (method === 'tools/call') {
      if (params) this.rounds.clientRetry(params);
      if (params?.task !== undefined && this.tasks.enabled) this.tasks.toolCall(id, params);
      else void runToolCall(this, id, params ?? {});
      return;
    }
    const { interceptor } = this.options;
    if (method === 'initialize' && params && interceptor.onClientCapabilities) {
      const capabilities = capabilitiesOf(params.capabilities);
      const declared = interceptor.onClientCapabilities(this.info, capabilities);
      this.forwardRequest(
        id,
        method,
        declared === capabilities ? params : { ...params, capabilities: declared },
      );
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
    const progressToken = progressTokenOf(params);
    const entry: ForwardedRequest = {
      clientId: id,
      method,
      callId: call?.callId,
      startedAt: call?.receivedAt ?? this.now(),
      progressToken,
      ...(call?.sink ? { sink: call.sink } : {}),
      ...(call ? { params } : {}),
      round: call?.round ?? 0,
      cancelled: false,
    };
    const upId = this.forwarded.add(entry, call?.progressOffset ?? 0);
    call?.sink?.forwarded?.(upId);
    const message = {
      jsonrpc: '2.0',
      id: upId,
      method,
      ...(params === undefined ? {} : { params }),
    } as JSONRPCMessage;
    void this.ready.then(() => {
      if (this.closed || entry.cancelled) return;
      if (this.upstreamError !== null) {
        this.forwarded.settle(upId, errorResponse(upId, RpcErrorCode.Unavailable, this.upstreamError));
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
    this.forwarded.drop(upId, entry);
    this.upstreamSend({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { ...params, requestId: upId },
    });
    this.forwarded.complete(entry, { kind: 'cancelled', reason });
  }

  private clientNotification(method: string, params: Record<string, unknown> | undefined): void {
    if (method === 'notifications/cancelled') {
      const requestId = params?.requestId;
      if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
      const key = idKey(requestId);
      const reason = typeof params?.reason === 'string' ? params.reason : 'cancelled by the client';
      if (this.rounds.cancel(key, reason)) return;
      const held = this.held.get(key);
      if (held) held.cancel(reason);
      const upId = this.forwarded.upstreamIdOf(requestId);
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
    if (!this.handshake.hold(message)) deliver();
  }

  private upstreamResponse(c: Extract<ClassifiedMessage, { kind: 'result' | 'error' }>): void {
    const upId = typeof c.id === 'number' ? c.id : Number.NaN;
    const entry = this.forwarded.get(upId);
    if (!entry) {
      this.log('warning', 'protocol', `upstream answered an unknown request id ${String(c.id)}; dropped`);
      return;
    }
    if (c.kind === 'result') this.handshake.result(entry.method, c.result);
    if (
      entry.callId &&
      c.kind === 'result' &&
      isInputRequired(c.result) &&
      this.rounds.take(entry, c.result)
    ) {
      this.forwarded.drop(upId, entry);
      return;
    }
    if (entry.method === 'initialize' && c.kind === 'result') {
      this.handshake.legacyInitialized(c.result);
      const result = this.tasks.onInitializeResult(c.result);
      this.forwarded.settle(upId, { jsonrpc: '2.0', id: upId, result });
      this.flushPreInit();
      return;
    }
    if (entry.method === 'tools/list' && c.kind === 'result') {
      this.forwarded.settle(upId, { jsonrpc: '2.0', id: upId, result: this.onToolsList(c.result) });
      return;
    }
    const body = c.kind === 'result' ? { result: c.result } : { error: c.error };
    this.forwarded.settle(upId, { jsonrpc: '2.0', id: upId, ...body });
    if (entry.method === 'initialize') this.flushPreInit();
  }

  private flushPreInit(): void {
    for (const message of this.handshake.release()) this.fromUpstream(message);
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
    this.extensionTasks.close(message);
    this.rounds.close(message);
    this.serverRequests.close();
    for (const [upId, entry] of this.forwarded.all()) {
      if (!entry.cancelled)
        this.forwarded.settle(upId, errorResponse(upId, RpcErrorCode.ConnectionClosed, message));
    }
    this.closed = true;
    this.options.interceptor.onSessionEnd?.(this.info);
    this.emit({ type: 'session.closed', at: this.now(), sessionId: this.info.sessionId, end });
    this.options.downstream.close(end, message);
    this.closing = this.upstream.close().catch(() => undefined);
    return this.closing;
  }
}
