/**
 * The bridge's connection to the core: find the socket (starting the desktop app when allowed), check it is
 * ours, authenticate and open a session. Imports only Node built-ins and small core modules: the bridge's
 * start-up cost matters.
 */
import { connect, type Socket } from 'node:net';
import type { Hello, HelloReply } from '../core/handshake';
import { HANDSHAKE_VERSION } from '../core/handshake-version';
import { inspectPathSync } from '../core/file-security';
import { socketPath } from '../core/paths';
import { readTokenSync } from '../core/token';
import { startDesktopApp } from './autostart';

/** What the bridge fronts. */
export type BridgeTarget = Hello['target'];

/** Where and as whom the bridge connects; the CLI fills it from argv and the process. */
export interface BridgeOptions {
  readonly dataDir: string;
  readonly target: BridgeTarget;
  readonly env: Record<string, string>;
  readonly cwd: string;
  /** How long to wait for a core that is being started. */
  readonly startTimeoutMs: number;
}

/** One attempt to reach the core: the first, or a reconnection that continues a lost session. */
export interface ConnectRequest {
  readonly resume?: NonNullable<Hello['resume']>;
}

/** An open core session. */
export interface CoreLink {
  readonly socket: Socket;
  readonly sessionId: string;
}

/**
 * Connects, authenticates and opens a session. A first connection starts the desktop app when the core is
 * not running; a reconnection never does, because a core the operator quit should stay quit.
 */
export async function connectToCore(options: BridgeOptions, request: ConnectRequest = {}): Promise<CoreLink> {
  const path = socketPath(options.dataDir);
  let socket: Socket;
  try {
    socket = await openSocket(path);
  } catch (first) {
    if (request.resume) throw first;
    const started = startDesktopApp(options.dataDir, options.env);
    if (!started) throw new Error(notRunningMessage(path, first as Error), { cause: first });
    socket = await waitForSocket(path, options.startTimeoutMs, started);
  }
  const token = readTokenSync(options.dataDir);
  const hello: Hello = {
    type: 'hello',
    version: HANDSHAKE_VERSION,
    token,
    target: options.target,
    env: options.env,
    cwd: options.cwd,
    bridgePid: process.pid,
    ...(request.resume ? { resume: request.resume } : {}),
  };
  socket.write(`${JSON.stringify(hello)}\n`);
  const reply = await readReply(socket);
  if (reply.type === 'refused') {
    socket.destroy();
    throw new RefusedError(`the Airlock core refused this session: ${reply.reason}`);
  }
  return { socket, sessionId: reply.sessionId };
}

function notRunningMessage(path: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' || code === 'ECONNREFUSED' ? 'is not running' : `cannot be reached (${error.message})`;
  return (
    `the Airlock core ${why} (socket ${path}). Start it with \`airlock serve\` or open the Airlock app, ` +
    'then restart this MCP server in your client. No call was forwarded.'
  );
}

/** Connects after checking the socket is ours and private: a planted socket must not get our traffic. */
function openSocket(path: string): Promise<Socket> {
  if (process.platform !== 'win32') {
    // A missing socket is "not running" (the connect below says so); one that is there but not ours is refused.
    const check = inspectPathSync('core socket', path);
    if (check.kind === 'unsafe') {
      return Promise.reject(
        new RefusedError(`refusing to connect: ${check.reason}. Someone else may be impersonating Airlock.`),
      );
    }
  }
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function waitForSocket(path: string, timeoutMs: number, what: string): Promise<Socket> {
  const deadline = Date.now() + timeoutMs;
  let last: Error = new Error('not started');
  while (Date.now() < deadline) {
    try {
      return await openSocket(path);
    } catch (error) {
      last = error as Error;
      if (last instanceof RefusedError) throw last;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(
    `started ${what} but the Airlock core did not answer within ${timeoutMs} ms (${last.message}). No call was forwarded.`,
    {
      cause: last,
    },
  );
}

function readReply(socket: Socket): Promise<HelloReply> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => fail(new Error('the Airlock core did not answer the handshake in time')),
      10_000,
    );
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const nl = text.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      socket.pause(); // hold anything after the reply until the relay's handler is attached
      socket.off('data', onData);
      socket.off('close', onClose);
      const rest = text.slice(nl + 1);
      if (rest.length > 0) socket.unshift(Buffer.from(rest, 'utf8'));
      try {
        const reply = parseReply(text.slice(0, nl));
        if (reply) resolve(reply);
        else fail(new Error('the Airlock core sent an unreadable handshake reply'));
      } catch {
        fail(new Error('the Airlock core sent an unreadable handshake reply'));
      }
    };
    const onClose = (): void =>
      fail(new Error('the Airlock core closed the connection during the handshake'));
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** The core turned the session down (bad token, unknown profile, shutting down): retrying will not help. */
export class RefusedError extends Error {}

/** Checks the reply's shape: the bridge carries no schema library, so this is by hand. */
function parseReply(text: string): HelloReply | undefined {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return undefined;
  const reply = value as Record<string, unknown>;
  if (reply.type === 'welcome' && typeof reply.sessionId === 'string')
    return { type: 'welcome', sessionId: reply.sessionId };
  if (reply.type === 'refused' && typeof reply.reason === 'string')
    return { type: 'refused', reason: reply.reason };
  return undefined;
}
