/**
 * The core's listening socket: owner-only, one connection per bridge. Each connection starts with a
 * hello line (token + target); after a welcome it carries the client's JSON-RPC lines.
 */
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { createLineSplitter } from '../proxy/line-splitter';
import { createLineWriter } from '../proxy/line-writer';
import {
  consoleUrlRequestSchema,
  isConsoleUrlRequest,
  type ConsoleUrlAnswer,
  type ConsoleUrlReply,
} from './control-request';
import { helloSchema, type Hello, type HelloReply } from './handshake';
import { tokensMatch } from './token';

/** How long a new connection may take to say hello. */
const HELLO_TIMEOUT_MS = 10_000;

/** A connection that passed the handshake. */
export interface BridgeConnection {
  readonly hello: Hello;
  /** Sends one line (a JSON-RPC message) to the bridge. */
  write(line: string): void;
  /** Ends the connection after pending writes. */
  end(): void;
  /** Receives the client's lines after the welcome. */
  onLine: (line: string) => void;
  /** Called once when the bridge goes away. */
  onClose: () => void;
}

/** Decides what to do with an authenticated hello: welcome (and wire the session) or refuse. */
export type AcceptHandler = (connection: BridgeConnection) => HelloReply;

/** Whether something already answers on this socket path. */
export function isSocketLive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** Starts listening; refuses to start when another core already serves this data folder. */
export async function listenOnSocket(
  path: string,
  token: string,
  accept: AcceptHandler,
  consoleUrl: ConsoleUrlAnswer = () => ({ type: 'refused', reason: 'this core has no browser console' }),
): Promise<Server> {
  if (process.platform !== 'win32' && existsSync(path)) {
    if (await isSocketLive(path)) throw new Error(`another Airlock core is already running on ${path}`);
    unlinkSync(path); // stale socket from a core that died
  }
  const server = createServer((socket) => handleConnection(socket, token, accept, consoleUrl));
  // The socket must never exist with loose permissions, not even briefly: narrow the umask around bind.
  const previous = process.platform === 'win32' ? undefined : process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return server;
}

function handleConnection(
  socket: Socket,
  token: string,
  accept: AcceptHandler,
  consoleUrl: ConsoleUrlAnswer,
): void {
  let connection: BridgeConnection | undefined;
  let closed = false;
  let refused = false;
  const timer = setTimeout(() => refuse('no hello received in time'), HELLO_TIMEOUT_MS);
  timer.unref();

  function refuse(reason: string): void {
    refused = true;
    const reply: HelloReply = { type: 'refused', reason };
    socket.end(`${JSON.stringify(reply)}\n`);
  }

  const split = createLineSplitter({
    line(text) {
      if (refused) return;
      if (connection) {
        connection.onLine(text);
        return;
      }
      clearTimeout(timer);
      connection = authenticate(text);
    },
    overflow() {
      if (!connection) refuse('hello too large');
    },
  });

  function authenticate(text: string): BridgeConnection | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      refuse('the first line must be a JSON hello');
      return undefined;
    }
    if (isConsoleUrlRequest(raw)) {
      answerConsoleUrl(raw);
      return undefined;
    }
    const parsed = helloSchema.safeParse(raw);
    if (!parsed.success) {
      refuse(
        `invalid hello: ${parsed.error.issues[0]?.message ?? 'unknown shape'} (is the bridge the same Airlock version as the core?)`,
      );
      return undefined;
    }
    if (!tokensMatch(token, parsed.data.token)) {
      refuse('wrong token: the bridge and the core do not share a data folder, or the core was restarted');
      return undefined;
    }
    // Lines of one event-loop pass leave in one write: a system call per line was the core's largest cost.
    const lines = createLineWriter((text) => {
      if (!socket.destroyed) socket.write(text);
    });
    const conn: BridgeConnection = {
      hello: parsed.data,
      write: (line) => lines.write(line),
      end: () => {
        lines.flush();
        socket.end();
      },
      onLine: () => undefined,
      onClose: () => undefined,
    };
    const reply = accept(conn);
    socket.write(`${JSON.stringify(reply)}\n`);
    if (reply.type === 'refused') {
      refused = true;
      socket.end();
      return undefined;
    }
    return conn;
  }

  function answerConsoleUrl(raw: unknown): void {
    refused = true; // one request, one answer: nothing else is read on this connection
    const parsed = consoleUrlRequestSchema.safeParse(raw);
    let reply: ConsoleUrlReply;
    if (!parsed.success) reply = { type: 'refused', reason: 'invalid console-url request' };
    else if (!tokensMatch(token, parsed.data.token))
      reply = {
        type: 'refused',
        reason: 'wrong token: this command and the core do not share a data folder',
      };
    else reply = consoleUrl();
    socket.end(`${JSON.stringify(reply)}\n`);
  }

  socket.on('data', split);
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    clearTimeout(timer);
    if (closed) return;
    closed = true;
    connection?.onClose();
  });
}
