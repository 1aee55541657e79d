/**
 * Browser mode: serves the built renderer and the console contract (over a WebSocket) on 127.0.0.1.
 * Access needs the one-time token from the printed URL; see `access.ts` for the checks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocketServer } from 'ws';

import { contentSecurityPolicy } from '../../shared/contract/csp';
import { MAX_CLIENT_FRAME_BYTES } from '../../shared/contract/wire';
import type { ConsoleHandlers, ConsolePushSource } from '../console/backend';
import { createAccessControl, type AccessControl } from './access';
import { loadStaticFile } from './static-files';
import { attachConsoleSocket } from './ws-bridge';

/** Options of `startWebConsole`. */
export interface WebConsoleOptions {
  readonly handlers: ConsoleHandlers;
  readonly events: ConsolePushSource;
  /** Only loopback addresses are accepted. */
  readonly host?: '127.0.0.1';
  /** 0 picks a free port. */
  readonly port?: number;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
}

/** A running web console. */
export interface WebConsole {
  /** The login URL with its one-time token: print it once. */
  readonly url: string;
  /** The origin without a token, e.g. http://127.0.0.1:5123 */
  readonly origin: string;
  /** Issues another one-time login URL (another browser, a test). */
  createLoginUrl(): string;
  close(): Promise<void>;
}

/** The WebSocket path of the contract. */
export const CONSOLE_SOCKET_PATH = '/api/ws';

function securityHeaders(res: ServerResponse, host: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://${host}`]));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  access: AccessControl,
  rendererDir: string,
) {
  const host = req.headers.host;
  if (!access.hostAllowed(host) || host === undefined) {
    plain(res, 421, 'Unknown Host header: open the console through the URL airlock serve printed.\n');
    return;
  }
  securityHeaders(res, host);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    plain(res, 405, 'Method not allowed.\n');
    return;
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  const token = url.searchParams.get('token');
  if (token !== null) {
    const session = access.redeemToken(token);
    if (session === null) {
      plain(
        res,
        403,
        'This login link was already used or is unknown. Run `airlock serve` again for a new one.\n',
      );
      return;
    }
    res.statusCode = 303;
    res.setHeader('Set-Cookie', access.sessionCookie(session));
    // Drop the spent token from the address bar and history.
    res.setHeader('Location', '/');
    res.end();
    return;
  }
  if (!access.hasSession(req.headers.cookie)) {
    plain(res, 401, 'Not signed in: open the login URL printed by `airlock serve` (it works once).\n');
    return;
  }
  const file = await loadStaticFile(rendererDir, url.pathname);
  if (file === null) {
    plain(res, 404, 'Not found.\n');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', file.body.length);
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Starts the browser-mode console; resolves once it listens. */
export async function startWebConsole(options: WebConsoleOptions): Promise<WebConsole> {
  // Loopback only, whatever a caller passes at run time (the type already says so).
  const host: string = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The web console binds 127.0.0.1 only.');
  let access: AccessControl | null = null;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const server = createServer((req, res) => {
    if (access === null) return plain(res, 503, 'Starting.\n');
    handleRequest(req, res, access, options.rendererDir).catch(() => {
      if (!res.headersSent) plain(res, 500, 'Internal error.\n');
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://invalid');
    if (access === null || url.pathname !== CONSOLE_SOCKET_PATH)
      return refuseUpgrade(socket, '404 Not Found');
    if (!access.hostAllowed(req.headers.host)) return refuseUpgrade(socket, '421 Misdirected Request');
    if (!access.originAllowed(req.headers.origin)) return refuseUpgrade(socket, '403 Forbidden');
    if (!access.hasSession(req.headers.cookie)) return refuseUpgrade(socket, '401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attachConsoleSocket(ws, options.handlers, options.events));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const ready = createAccessControl(port);
  access = ready;
  const origin = `http://${host}:${port}`;
  const createLoginUrl = () => `${origin}/?token=${ready.issueToken()}`;
  return {
    url: createLoginUrl(),
    origin,
    createLoginUrl,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
