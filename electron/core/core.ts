/**
 * The Airlock core: one long-lived process (headless Node, or inside the Electron main process) that
 * serves every bridge. It owns the truth — profiles, policy, approvals, history — and runs one proxy
 * session per bridge connection. No Electron import here.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:net';
import { unlinkSync } from 'node:fs';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CoreEvent } from '../../shared/events';
import { openProfileStore, type ProfileStore } from '../profiles/profile-store';
import type { CallInterceptor } from '../proxy/interceptor';
import { ProxySession } from '../proxy/session';
import { createHttpUpstream } from '../proxy/upstream-http';
import { createStdioUpstream } from '../proxy/upstream-stdio';
import { createEventBus, type EventBus } from './event-bus';
import { ensurePrivateDirSync } from './file-security';
import { socketPath } from './paths';
import type { LiveSession, SessionRegistry } from './services';
import { isSocketLive, listenOnSocket, type BridgeConnection } from './socket-server';
import { resolveTarget, type ResolvedTarget } from './targets';
import type { NameRegistry } from '../policy/name-bindings';
import { createTokenSync } from './token';
import { controlLine } from './control-line';
import { noticeFor, resumeMessage } from './session-resume';
import type { ConsoleLoginIssuer } from './control-request';

/** How to build a core. */
export interface CoreOptions {
  readonly dataDir: string;
  /** Builds the interceptor (the policy gate) once the core's stores exist: a core never runs without one. */
  readonly createInterceptor: (core: Core) => CallInterceptor;
  /** Keepalive period for held calls with a progress token. */
  readonly keepaliveMs?: number;
  /** Durably records a call before it is forwarded (history's write-ahead row); see ProxySessionOptions. */
  readonly writeAhead: (event: Extract<CoreEvent, { type: 'call.received' }>) => Promise<void>;
  /** Diagnostics (never stdout: a stdio MCP stream may share it). */
  readonly log?: (line: string) => void;
  /**
   * Told how each session's upstream is launched, before the session starts (so policy can identify
   * the server and read target flags from its command line, with the child's real environment).
   */
  readonly onSessionLaunch: (
    sessionId: string,
    serverName: string,
    launch: Extract<ResolvedTarget, { ok: true }>['launch'],
    nameConflict?: Extract<ResolvedTarget, { ok: true }>['nameConflict'],
  ) => void;
  /** Where `airlock mcp --name` names are bound to command lines. */
  readonly names: NameRegistry;
}

/** A running core. */
export interface Core {
  readonly dataDir: string;
  readonly socketPath: string;
  readonly events: EventBus;
  readonly profiles: ProfileStore;
  readonly sessions: SessionRegistry;
  /** Ends every session with a clear error to its client, stops upstreams, closes the socket. */
  shutdown(): Promise<void>;
  /** Lets `airlock console-url` mint login links once the browser console runs. */
  setConsoleLogin(issuer: ConsoleLoginIssuer): void;
}

/** Creates the data folder, rotates the token, and starts listening. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const { dataDir } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`airlock: ${line}\n`));
  ensurePrivateDirSync(dataDir);
  const path = socketPath(dataDir);
  const events = createEventBus((error, event) =>
    log(`event listener failed on ${event.type}: ${(error as Error).message}`),
  );
  const profiles = openProfileStore(dataDir);
  const live = new Map<string, { session: ProxySession; startedAt: number }>();
  const sessions: SessionRegistry = {
    list: () =>
      [...live.values()].map(({ session, startedAt }): LiveSession => ({
        sessionId: session.info.sessionId,
        serverName: session.info.serverName,
        clientName: session.info.client?.name ?? null,
        clientVersion: session.info.client?.version ?? null,
        startedAt,
        pendingCalls: session.pendingCalls,
      })),
  };
  // Set below, before the socket listens: no session can open while it is unset.
  let interceptor: CallInterceptor | undefined = undefined;
  let stopping = false;

  const openSession = (
    connection: BridgeConnection,
    resolved: Extract<ResolvedTarget, { ok: true }>,
  ): string => {
    // Unreachable by construction (the socket listens only after the gate exists); refused, never unchecked.
    if (interceptor === undefined) throw new Error('the Airlock core has no policy gate yet');
    const sessionId = randomUUID();
    const session = new ProxySession({
      sessionId,
      serverName: resolved.serverName,
      target: resolved.target,
      upstreamSpec: resolved.spec,
      routing: resolved.routing,
      createUpstream: (handlers) =>
        resolved.launch.transport === 'stdio'
          ? createStdioUpstream(resolved.launch, handlers)
          : createHttpUpstream(resolved.launch, handlers),
      downstream: {
        send: (message: JSONRPCMessage) => connection.write(JSON.stringify(message)),
        close: (end, message) => {
          connection.write(controlLine(noticeFor(end, message)));
          connection.end();
        },
      },
      interceptor,
      emit: (event: CoreEvent) => events.emit(event),
      keepaliveMs: options.keepaliveMs,
      makeCallId: randomUUID,
      writeAhead: options.writeAhead,
    });
    options.onSessionLaunch(sessionId, resolved.serverName, resolved.launch, resolved.nameConflict);
    live.set(sessionId, { session, startedAt: Date.now() });
    connection.onLine = (line) => session.fromClientLine(line);
    connection.onClose = () => {
      void session.close({ kind: 'client-closed' }).finally(() => live.delete(sessionId));
    };
    session.start().catch(() => undefined);
    const resume = connection.hello.resume;
    if (resume) session.log('warning', 'core', resumeMessage(resume, Date.now()));
    return sessionId;
  };

  let server: Server | undefined;
  let consoleLogin: ConsoleLoginIssuer = () => null;
  const core: Core = {
    dataDir,
    socketPath: path,
    events,
    profiles,
    sessions,
    setConsoleLogin(issuer) {
      consoleLogin = issuer;
    },
    async shutdown() {
      if (stopping) return;
      stopping = true;
      await Promise.all([...live.values()].map(({ session }) => session.close({ kind: 'core-shutdown' })));
      live.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      if (process.platform !== 'win32') {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      }
    },
  };
  // The interceptor exists before the socket does: no call can ever reach an upstream unchecked.
  interceptor = options.createInterceptor(core);
  // Check before rotating the token: overwriting a running core's token would cut off its bridges.
  if (await isSocketLive(path)) throw new Error(`another Airlock core is already running on ${path}`);
  const token = createTokenSync(dataDir);
  try {
    server = await listenOnSocket(
      path,
      token,
      (connection) => {
        if (stopping) return { type: 'refused', reason: 'Airlock is shutting down' };
        const resolved = resolveTarget(connection.hello, profiles, options.names);
        if (!resolved.ok) return { type: 'refused', reason: resolved.reason };
        return { type: 'welcome', sessionId: openSession(connection, resolved) };
      },
      () => {
        if (stopping) return { type: 'refused', reason: 'Airlock is shutting down' };
        const url = consoleLogin();
        if (url === null) {
          return { type: 'refused', reason: 'this core runs without the browser console (--no-console)' };
        }
        // Minting a login is an operator act: leave a trace of it where the core's log goes.
        process.stderr.write('airlock: issued a console login link (airlock console-url)\n');
        return { type: 'console-url', url };
      },
    );
  } catch (error) {
    throw new Error(`cannot listen on ${path}: ${(error as Error).message}`, { cause: error });
  }

  return core;
}
