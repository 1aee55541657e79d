/**
 * Browser mode: serves the built renderer and the console contract (over a WebSocket) on 127.0.0.1.
 * Access needs a one-time token from a login URL; see `access.ts` for the checks. A logout or an expired
 * session also closes that session's open sockets, so the page cannot keep working on a dead login.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type WebSocket } from 'ws';

import { contentSecurityPolicy } from '../../shared/contract/csp';
import { assertNever } from '../../shared/json';
import { MAX_CLIENT_FRAME_BYTES } from '../../shared/contract/wire';
import type { ConsoleHandlers, ConsolePushSource } from '../console/backend';
import { createAccessControl, parseCookies, SESSION_COOKIE, type AccessControl } from './access';
import { accessPage, type AccessPage } from './access-pages';
import { openSessionStore } from './session-store';
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
  /** Keeps login sessions in this owner-only file, so a restart keeps browsers signed in. */
  readonly sessionFile?: string;
  /** Lifetime of a new login (default 12 h). */
  readonly sessionLifetimeMs?: () => number;
  /** How long a login link works (default 10 minutes). */
  readonly linkLifetimeMs?: number;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
}

/** A running web console. */
export interface WebConsole {
  /** The login URL with its one-time token: print it once. */
  readonly url: string;
  /** The origin without a token, e.g. http://127.0.0.1:5123 */
  readonly origin: string;
  /** The port it listens on. */
  readonly port: number;
  /** Issues another one-time login URL (another browser, a test). */
  readonly createLoginUrl: () => string;
  close(): Promise<void>;
}

/** The WebSocket path of the contract. */
export const CONSOLE_SOCKET_PATH = '/api/ws';

/** POST here (same origin, with the cookie) to sign out. */
export const LOGOUT_PATH = '/api/logout';

/** The console's icon, served before login too (build/icon.svg's artwork). */
export const FAVICON_PATH = '/favicon.svg';

/** GET here: 204 while signed in, 401 otherwise (the page asks before reconnecting). */
export const SESSION_PATH = '/api/session';

/** The close code of a socket whose session ended (logout or expiry): the page stops reconnecting. */
export const SIGNED_OUT_CLOSE_CODE = 4401;

/** setTimeout's ceiling; a longer session is re-checked when the timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Open sockets by session id, so a logout or expiry can close them. */
interface SocketsBySession {
  add(sessionId: string, ws: WebSocket, expiresAt: number, stillLive: () => number | null): void;
  closeSession(sessionId: string): void;
}

function createSocketsBySession(): SocketsBySession {
  const bySession = new Map<string, Set<WebSocket>>();
  const closeSession = (sessionId: string) => {
    for (const ws of bySession.get(sessionId) ?? []) ws.close(SIGNED_OUT_CLOSE_CODE, 'Signed out');
    bySession.delete(sessionId);
  };
  return {
    add(sessionId, ws, expiresAt, stillLive) {
      const set = bySession.get(sessionId) ?? new Set();
      bySession.set(sessionId, set);
      set.add(ws);
      let timer: NodeJS.Timeout | undefined;
      const arm = (until: number) => {
        timer = setTimeout(
          () => {
            const next = stillLive();
            if (next === null) ws.close(SIGNED_OUT_CLOSE_CODE, 'Session expired');
            else arm(next);
          },
          Math.min(MAX_TIMER_MS, Math.max(0, until - Date.now())),
        );
        timer.unref();
      };
      arm(expiresAt);
      ws.once('close', () => {
        clearTimeout(timer);
        set.delete(ws);
        if (set.size === 0 && bySession.get(sessionId) === set) bySession.delete(sessionId);
      });
    },
    closeSession,
  };
}

function securityHeaders(res: ServerResponse, host: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://${host}`]));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function html(res: ServerResponse, page: AccessPage): void {
  res.statusCode = page.status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(page.html);
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
  sockets: SocketsBySession,
) {
  const host = req.headers.host;
  if (!access.hostAllowed(host) || host === undefined) {
    plain(res, 421, 'Unknown Host header: open the console through the URL airlock serve printed.\n');
    return;
  }
  securityHeaders(res, host);
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname === LOGOUT_PATH) {
    logout(req, res, access, sockets);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    plain(res, 405, 'Method not allowed.\n');
    return;
  }
  // The icon is public artwork: the access pages show it too, before any login.
  if (url.pathname === FAVICON_PATH) {
    await sendStatic(req, res, rendererDir, url.pathname);
    return;
  }
  const token = url.searchParams.get('token');
  if (token !== null) {
    const redeemed = access.redeemToken(token);
    switch (redeemed.kind) {
      case 'unknown':
        return html(res, accessPage('link-used'));
      case 'expired':
        return html(res, accessPage('link-expired'));
      case 'session':
        res.statusCode = 303;
        res.setHeader('Set-Cookie', access.sessionCookie(redeemed.session));
        // Drop the spent token from the address bar and history.
        res.setHeader('Location', '/');
        res.end();
        return;
      default:
        return assertNever(redeemed);
    }
  }
  if (!access.hasSession(req.headers.cookie)) return html(res, accessPage('signed-out'));
  if (url.pathname === SESSION_PATH) {
    res.statusCode = 204;
    res.end();
    return;
  }
  await sendStatic(req, res, rendererDir, url.pathname);
}

async function sendStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, path: string) {
  const file = await loadStaticFile(rendererDir, path);
  if (file === null) {
    plain(res, 404, 'Not found.\n');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', file.body.length);
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

function logout(
  req: IncomingMessage,
  res: ServerResponse,
  access: AccessControl,
  sockets: SocketsBySession,
): void {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    plain(res, 405, 'Method not allowed.\n');
    return;
  }
  // SameSite=Strict already keeps other sites' cookies off; the Origin check refuses them outright.
  if (!access.originAllowed(req.headers.origin)) {
    plain(res, 403, 'Cross-origin logout refused.\n');
    return;
  }
  const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  access.logout(req.headers.cookie);
  if (id !== undefined) sockets.closeSession(id);
  res.statusCode = 204;
  res.setHeader('Set-Cookie', access.clearedCookie());
  res.end();
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
  const sockets = createSocketsBySession();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const server = createServer((req, res) => {
    if (access === null) return plain(res, 503, 'Starting.\n');
    handleRequest(req, res, access, options.rendererDir, sockets).catch(() => {
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
    const checked = access;
    const expiresAt = checked.sessionExpiry(req.headers.cookie);
    const sessionId = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (expiresAt === null || sessionId === undefined) return refuseUpgrade(socket, '401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(sessionId, ws, expiresAt, () => checked.sessionExpiry(req.headers.cookie));
      attachConsoleSocket(ws, options.handlers, options.events);
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${options.port ?? 0} on ${host} is already in use (another program, or another Airlock?): ` +
                'stop it, or choose another port with --port N (--port 0 picks any free port)',
              { cause: error },
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const ready = createAccessControl(port, {
    sessions: openSessionStore(options.sessionFile === undefined ? {} : { path: options.sessionFile }),
    ...(options.sessionLifetimeMs ? { sessionLifetimeMs: options.sessionLifetimeMs } : {}),
    ...(options.linkLifetimeMs !== undefined ? { linkLifetimeMs: options.linkLifetimeMs } : {}),
  });
  access = ready;
  const origin = `http://${host}:${port}`;
  const createLoginUrl = () => `${origin}/?token=${ready.issueToken()}`;
  return {
    url: createLoginUrl(),
    origin,
    port,
    createLoginUrl,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
