/**
 * Who may talk to the browser-mode console: a one-time login token (printed by `airlock serve`, or minted
 * by `airlock console-url`) is exchanged for an HttpOnly, SameSite=Strict session cookie that lasts the
 * configured lifetime and ends at logout; every request must name this server in its Host header (DNS
 * rebinding), and every WebSocket upgrade and logout must come from this server's own origin (cross-site
 * WebSocket hijacking, CSRF).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

import { openSessionStore, type SessionStore } from './session-store';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'airlock_console';

/** The default login lifetime: a working day. */
export const DEFAULT_SESSION_MS = 12 * 60 * 60 * 1000;

/** Token and cookie state for one web console. */
export interface AccessControl {
  /** Issues a fresh one-time login token. */
  issueToken(): string;
  /** Spends a login token: returns a new session, or null when the token is unknown or spent. */
  redeemToken(token: string): { readonly id: string; readonly expiresAt: number } | null;
  /** Whether the request's Cookie header carries a live session. */
  hasSession(cookieHeader: string | undefined): boolean;
  /** When the Cookie header's session ends, or null when it carries no live one. */
  sessionExpiry(cookieHeader: string | undefined): number | null;
  /** Ends the Cookie header's session; whether there was a live one. */
  logout(cookieHeader: string | undefined): boolean;
  /** The Host values this server answers to. */
  allowedHosts(): readonly string[];
  /** Whether a Host header names this server. */
  hostAllowed(host: string | undefined): boolean;
  /** Whether a WebSocket upgrade's (or a logout's) Origin is this server's own. */
  originAllowed(origin: string | undefined): boolean;
  /** Set-Cookie header value for a session. */
  sessionCookie(session: { readonly id: string; readonly expiresAt: number }): string;
  /** Set-Cookie header value that makes the browser drop the cookie. */
  clearedCookie(): string;
}

/** How sessions are kept. */
export interface AccessOptions {
  /** Where sessions live; in memory when omitted. */
  readonly sessions?: SessionStore;
  /** The lifetime of a new login, read at each login so a changed setting applies to the next one. */
  readonly sessionLifetimeMs?: () => number;
  readonly now?: () => number;
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

function constantTimeIncludes(set: ReadonlySet<string>, candidate: string): boolean {
  const probe = Buffer.from(candidate);
  let found = false;
  for (const entry of set) {
    const value = Buffer.from(entry);
    // Compare every entry, so timing does not reveal which prefix matched.
    if (value.length === probe.length && timingSafeEqual(value, probe)) found = true;
  }
  return found;
}

/** Parses a Cookie header into name → value (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Creates the access state for a console listening on `port`. */
export function createAccessControl(port: number, options: AccessOptions = {}): AccessControl {
  const tokens = new Set<string>();
  const sessions = options.sessions ?? openSessionStore({ ...(options.now ? { now: options.now } : {}) });
  const lifetime = options.sessionLifetimeMs ?? (() => DEFAULT_SESSION_MS);
  const now = options.now ?? Date.now;
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const sessionId = (header: string | undefined) => parseCookies(header).get(SESSION_COOKIE);
  const sessionExpiry = (header: string | undefined): number | null => {
    const id = sessionId(header);
    return id === undefined ? null : sessions.expiresAt(id);
  };
  return {
    issueToken() {
      const token = secret();
      tokens.add(token);
      return token;
    },
    redeemToken(token) {
      if (!constantTimeIncludes(tokens, token)) return null;
      tokens.delete(token);
      return sessions.create(lifetime());
    },
    hasSession: (header) => sessionExpiry(header) !== null,
    sessionExpiry,
    logout(header) {
      const id = sessionId(header);
      return id !== undefined && sessions.revoke(id);
    },
    allowedHosts: () => hosts,
    hostAllowed: (host) => host !== undefined && hosts.includes(host.toLowerCase()),
    originAllowed: (origin) =>
      origin !== undefined && hosts.some((h) => origin.toLowerCase() === `http://${h}`),
    sessionCookie: ({ id, expiresAt }) =>
      // Max-Age lets the browser forget the cookie too; the server checks the expiry either way.
      `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.max(1, Math.ceil((expiresAt - now()) / 1000))}`,
    clearedCookie: () => `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
  };
}
