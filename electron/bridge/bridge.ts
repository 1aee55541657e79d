/**
 * The stdio bridge an MCP client launches (`airlock mcp …`). It relays JSON-RPC lines between the
 * client's stdin/stdout and the core's socket, adding nothing. It fails closed: when the core cannot be
 * reached, every request gets a clear MCP error and nothing is ever sent to an upstream.
 *
 * Start-up cost matters (clients launch it per session), so this module imports only Node built-ins.
 */
import { connect, type Socket } from 'node:net';
import type { Hello, HelloReply } from '../core/handshake';
import { HANDSHAKE_VERSION } from '../core/handshake-version';
import { checkPathSync } from '../core/file-security';
import { socketPath } from '../core/paths';
import { readTokenSync } from '../core/token';
import { createLineSplitter } from '../proxy/line-splitter';
import { startDesktopApp } from './autostart';
import { createInflight } from './inflight';

/** What the bridge fronts. */
export type BridgeTarget = Hello['target'];

/** The client's stdio, as the bridge relays it. */
export interface BridgeIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Where and as whom the bridge connects; the CLI fills it from argv and the process. */
export interface BridgeOptions {
  readonly dataDir: string;
  readonly target: BridgeTarget;
  readonly env: Record<string, string>;
  readonly cwd: string;
  /** How long to wait for a core that is being started. */
  readonly startTimeoutMs: number;
}

/**
 * Runs the bridge until the client closes stdin; resolves with the exit code. `connect` opens the core
 * session; when it fails (core down, refused, or the bridge was started with bad arguments) every request
 * is answered with an MCP error carrying the reason.
 */
export function runBridge(io: BridgeIo, connect: () => Promise<Socket>): Promise<number> {
  return new Promise((resolve) => {
    const { stdout, stderr } = io;
    const inflight = createInflight();
    const buffered: string[] = [];
    let socket: Socket | undefined;
    let failure: string | undefined;
    let stdinEnded = false;
    let finished = false;

    const writeOut = (line: string): void => {
      inflight.fromCore(line);
      stdout.write(`${line}\n`);
    };
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      resolve(code);
    };
    const failClosed = (reason: string): void => {
      failure = reason;
      stderr.write(`airlock: ${reason}\n`);
      for (const line of inflight.failAll(reason)) stdout.write(`${line}\n`);
      for (const line of buffered.splice(0)) answerFailed(line);
      if (stdinEnded) finish(1);
    };
    const answerFailed = (line: string): void => {
      const reply = inflight.failOne(line, failure ?? 'Airlock core unreachable');
      if (reply) stdout.write(`${reply}\n`);
    };

    const onStdin = createLineSplitter({
      line(text) {
        if (failure !== undefined) return answerFailed(text);
        if (!socket) {
          buffered.push(text);
          return;
        }
        inflight.fromClient(text);
        socket.write(`${text}\n`);
      },
      overflow(bytes) {
        stderr.write(`airlock: dropped an overlong line from the client (${bytes} bytes)\n`);
      },
    });
    io.stdin.on('data', (chunk: Buffer) => onStdin(chunk));
    io.stdin.on('end', () => {
      stdinEnded = true;
      if (failure !== undefined) finish(1);
      else if (socket) socket.end();
      else finish(0);
    });

    connect()
      .then((connected) => {
        if (stdinEnded && buffered.length === 0) {
          connected.destroy();
          finish(0);
          return;
        }
        socket = connected;
        const onCore = createLineSplitter({
          line: writeOut,
          overflow: (bytes) =>
            stderr.write(`airlock: dropped an overlong line from the core (${bytes} bytes)\n`),
        });
        connected.on('data', onCore);
        connected.resume();
        connected.on('close', () => {
          if (stdinEnded) {
            finish(0);
            return;
          }
          socket = undefined;
          failClosed(
            'the connection to the Airlock core was lost; restart this MCP server in your client once Airlock is running again',
          );
        });
        for (const line of buffered.splice(0)) {
          inflight.fromClient(line);
          connected.write(`${line}\n`);
        }
        if (stdinEnded) connected.end();
      })
      .catch((error: unknown) => failClosed((error as Error).message));
  });
}

/** Connects, authenticates and opens a session; starts the desktop app first when it can. */
export async function connectToCore(options: BridgeOptions): Promise<Socket> {
  const path = socketPath(options.dataDir);
  let socket: Socket;
  try {
    socket = await openSocket(path);
  } catch (first) {
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
  };
  socket.write(`${JSON.stringify(hello)}\n`);
  const reply = await readReply(socket);
  if (reply.type === 'refused') {
    socket.destroy();
    throw new Error(`the Airlock core refused this session: ${reply.reason}`);
  }
  return socket;
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
    const unsafe = checkPathSync('core socket', path);
    if (unsafe && !unsafe.includes('not accessible')) {
      return Promise.reject(
        new Error(`refusing to connect: ${unsafe}. Someone else may be impersonating Airlock.`),
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
      if (last.message.startsWith('refusing')) throw last;
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
        resolve(JSON.parse(text.slice(0, nl)) as HelloReply);
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
