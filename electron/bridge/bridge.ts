/**
 * The stdio bridge an MCP client launches (`airlock mcp …`). It relays JSON-RPC lines between the
 * client's stdin/stdout and the core's socket, adding nothing. It fails closed: when the core cannot be
 * reached, every request gets a clear MCP error and nothing is ever sent to an upstream.
 *
 * When a running core goes away (restarted, crashed, quit), the bridge keeps the client: requests in
 * flight get an error, new ones wait while it reconnects, and a reconnected session is re-opened from the
 * client's recorded `initialize` before they flow again (see `replay.ts`). A session the core ended on
 * purpose (its upstream exited) is not reopened.
 *
 * Start-up cost matters (clients launch it per session), so this module imports only Node built-ins.
 */
import type { Socket } from 'node:net';
import { parseControlLine, type SessionEndNotice } from '../core/control-line';
import { createLineSplitter } from '../proxy/line-splitter';
import { createLineWriter, type LineWriter } from '../proxy/line-writer';
import { overlongReplies } from './overlong-replies';
import type { ConnectRequest, CoreLink } from './core-connection';
import { createInflight } from './inflight';
import { createSessionReplay, errorMessageOf, replayAnswer } from './replay';

export { connectToCore, type BridgeOptions, type BridgeTarget } from './core-connection';

/** The client's stdio, as the bridge relays it. */
export interface BridgeIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** How the bridge behaves while its core is away. */
export interface RelayOptions {
  /** How long a request waits for a reconnection before it is answered with an error. */
  readonly reconnectWaitMs: number;
}

/** Opens a core session: the first time, or again after the core went away. */
export type CoreConnector = (request: ConnectRequest) => Promise<CoreLink>;

type Link =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open'; readonly socket: Socket; readonly sessionId: string }
  | { readonly kind: 'reconnecting' }
  | { readonly kind: 'replaying'; readonly socket: Socket; readonly sessionId: string; readonly id: string }
  | { readonly kind: 'failed'; readonly reason: string };

interface Waiting {
  readonly line: string;
  readonly since: number;
}

const BACKOFF_MS = [50, 100, 200, 400, 500];
/** Sessions that die before their replayed initialize is answered, in a row, before the bridge gives up. */
const MAX_FAILED_REPLAYS = 5;
const MAX_WAITING = 1_000;
const LOST =
  'the Airlock core went away before answering (restarted, stopped or crashed), so the outcome of this ' +
  'request is unknown: a tools/call may or may not have run. The bridge is reconnecting; check ' +
  "Airlock's history before retrying";

/**
 * Runs the bridge until the client closes stdin; resolves with the exit code. `connect` opens the core
 * session; when the first attempt fails (core down, refused, or the bridge was started with bad arguments)
 * every request is answered with an MCP error carrying the reason.
 */
export function runBridge(
  io: BridgeIo,
  connect: CoreConnector,
  options: RelayOptions = { reconnectWaitMs: 15_000 },
): Promise<number> {
  return new Promise((resolve) => {
    const { stdout, stderr } = io;
    const inflight = createInflight();
    const replay = createSessionReplay();
    let waiting: Waiting[] = [];
    let link: Link = { kind: 'connecting' };
    let lastError = 'not connected yet';
    let attempt = 0;
    let failedReplays = 0;
    /** The session the client was last really in: a reconnection continues that one. */
    let lastSession: string | undefined;
    let stdinEnded = false;
    let finished = false;
    let retryTimer: NodeJS.Timeout | undefined;
    let sweepTimer: NodeJS.Timeout | undefined;

    const toClient = createLineWriter((text) => void stdout.write(text));
    const out = (line: string): void => toClient.write(line);
    /** One batching writer per core socket, so that lines written in one pass leave in one system call. */
    const writers = new WeakMap<Socket, LineWriter>();
    const writerOf = (socket: Socket): LineWriter => {
      let writer = writers.get(socket);
      if (writer === undefined) {
        writer = createLineWriter((text) => void socket.write(text));
        writers.set(socket, writer);
      }
      return writer;
    };
    const send = (socket: Socket, line: string): void => writerOf(socket).write(line);
    const endSocket = (socket: Socket): void => {
      writerOf(socket).flush();
      socket.end();
    };
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      toClient.flush();
      clearTimeout(retryTimer);
      clearInterval(sweepTimer);
      resolve(code);
    };
    const toCore = (socket: Socket, line: string): void => {
      inflight.fromClient(line);
      replay.fromClient(line);
      send(socket, line);
    };
    const answer = (line: string, reason: string): void => {
      const reply = inflight.failOne(line, reason);
      if (reply) out(reply);
    };
    const failClosed = (reason: string): void => {
      link = { kind: 'failed', reason };
      clearTimeout(retryTimer);
      clearInterval(sweepTimer);
      stderr.write(`airlock: ${reason}\n`);
      for (const line of inflight.failAll(reason)) out(line);
      for (const { line } of waiting.splice(0)) answer(line, reason);
      if (stdinEnded) finish(1);
    };
    const flush = (socket: Socket, sessionId: string): void => {
      link = { kind: 'open', socket, sessionId };
      lastSession = sessionId;
      failedReplays = 0;
      clearInterval(sweepTimer);
      sweepTimer = undefined;
      for (const { line } of waiting.splice(0)) toCore(socket, line);
      if (stdinEnded) endSocket(socket);
    };
    // Requests must not hang while the core is away: past the wait they get the reason, and are gone.
    const sweep = (): void => {
      const cutoff = Date.now() - options.reconnectWaitMs;
      const [late, keep] = [
        waiting.filter((w) => w.since <= cutoff),
        waiting.filter((w) => w.since > cutoff),
      ];
      waiting = keep;
      const reason =
        `the Airlock core has not come back within ${options.reconnectWaitMs} ms (${lastError}); ` +
        'no call was forwarded. The bridge keeps reconnecting; retry later';
      for (const { line } of late) answer(line, reason);
    };

    const attach = (connected: CoreLink): void => {
      const { socket, sessionId } = connected;
      let notice: SessionEndNotice | undefined;
      const onCore = createLineSplitter({
        line(text) {
          if (link.kind !== 'open' && link.kind !== 'replaying') return;
          if (link.socket !== socket) return;
          const control = parseControlLine(text);
          if (control) {
            notice = control;
            return;
          }
          if (link.kind === 'replaying') {
            const outcome = replayAnswer(text, link.id);
            if (outcome === 'ok') {
              const initialized = replay.opening(link.id)?.initialized;
              if (initialized !== undefined) send(socket, initialized);
              return flush(socket, sessionId);
            }
            if (outcome === 'error') {
              socket.destroy();
              return failClosed(
                `the Airlock core came back but the upstream refused the client's initialize again ` +
                  `(${errorMessageOf(text)}); restart this MCP server in your client`,
              );
            }
          }
          inflight.fromCore(text);
          out(text);
        },
        overflow(overlong) {
          const replies = overlongReplies(overlong, 'core');
          stderr.write(`${replies.log}\n`);
          for (const line of replies.toClient) {
            inflight.fromCore(line);
            out(line);
          }
          for (const line of replies.toCore) send(socket, line);
        },
      });
      socket.on('data', onCore);
      socket.on('error', (error) => (lastError = error.message));
      socket.on('close', () => {
        if ((link.kind !== 'open' && link.kind !== 'replaying') || link.socket !== socket) return;
        if (stdinEnded) return finish(0);
        if (notice?.kind === 'session-ended') {
          return failClosed(`${notice.message} Restart this MCP server in your client to start it again.`);
        }
        if (link.kind === 'replaying' && ++failedReplays >= MAX_FAILED_REPLAYS) {
          return failClosed(
            `the Airlock core keeps ending the session before the upstream answers initialize ` +
              `(${failedReplays} times); restart this MCP server in your client`,
          );
        }
        lose(lastSession ?? sessionId, link.kind === 'replaying');
      });
      socket.resume();
    };
    const lose = (previous: string, wasReplaying: boolean): void => {
      const failed = inflight.failAll(LOST);
      for (const line of failed) out(line);
      if (!wasReplaying) stderr.write(`airlock: lost the Airlock core; reconnecting\n`);
      const lostAt = Date.now();
      const resume = { sessionId: previous, lostAt, failedRequests: failed.length };
      link = { kind: 'reconnecting' };
      attempt = 0;
      sweepTimer ??= setInterval(sweep, Math.min(250, options.reconnectWaitMs));
      scheduleReconnect(resume);
    };
    const scheduleReconnect = (resume: NonNullable<ConnectRequest['resume']>): void => {
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 500;
      attempt += 1;
      retryTimer = setTimeout(() => {
        connect({ resume })
          .then((connected) => {
            if (finished || link.kind !== 'reconnecting') return void connected.socket.destroy();
            if (stdinEnded && waiting.length === 0) {
              connected.socket.destroy();
              return finish(0);
            }
            stderr.write(`airlock: reconnected to the Airlock core\n`);
            attach(connected);
            const id = `airlock-bridge-reinit-${connected.sessionId}`;
            const opening = replay.opening(id);
            if (!opening) return flush(connected.socket, connected.sessionId);
            link = { kind: 'replaying', socket: connected.socket, sessionId: connected.sessionId, id };
            send(connected.socket, opening.initialize);
          })
          .catch((error: unknown) => {
            lastError = error instanceof Error ? error.message : String(error);
            if (!finished && link.kind === 'reconnecting') scheduleReconnect(resume);
          });
      }, delay);
    };

    const fromClient = (text: string): void => {
      switch (link.kind) {
        case 'failed':
          return answer(text, link.reason);
        case 'open':
          return toCore(link.socket, text);
        case 'connecting':
        case 'reconnecting':
        case 'replaying':
          if (waiting.length >= MAX_WAITING) return answer(text, `too many requests waiting (${lastError})`);
          waiting.push({ line: text, since: Date.now() });
          return;
        default:
          return assertNever(link);
      }
    };
    const onStdin = createLineSplitter({
      line: fromClient,
      overflow(overlong) {
        const replies = overlongReplies(overlong, 'client');
        stderr.write(`${replies.log}\n`);
        for (const line of replies.toClient) out(line);
        // An error standing in for the client's own (overlong) response goes the way that response would.
        for (const line of replies.toCore) fromClient(line);
      },
    });
    io.stdin.on('data', (chunk: Buffer) => onStdin(chunk));
    io.stdin.on('end', () => {
      stdinEnded = true;
      switch (link.kind) {
        case 'failed':
          return finish(1);
        case 'open':
          return endSocket(link.socket);
        case 'replaying':
          link.socket.destroy();
          return finish(0);
        case 'connecting':
          return waiting.length === 0 ? finish(0) : undefined;
        case 'reconnecting':
          return finish(0);
        default:
          return assertNever(link);
      }
    });

    connect({})
      .then((connected) => {
        if (stdinEnded && waiting.length === 0) {
          connected.socket.destroy();
          return finish(0);
        }
        attach(connected);
        flush(connected.socket, connected.sessionId);
      })
      .catch((error: unknown) => failClosed(error instanceof Error ? error.message : String(error)));
  });
}

function assertNever(value: never): never {
  throw new Error(`unexpected bridge state ${JSON.stringify(value)}`);
}
