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

/** How long a login link works once minted: long enough to paste it, short enough to go stale in scrollback. */
export const LOGIN_LINK_MS = 10 * 60 * 1000;

/** A login link's outcome: a session, or which page explains why not. */
export type Redeemed =
  | { readonly kind: 'session'; readonly session: { readonly id: string; readonly expiresAt: number } }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

/** Token and cookie state for one web console. */
export interface AccessControl {
  /** Issues a fresh one-time login token. */
  issueToken(): string;
  /** Spends a login token: a new session, or why the link cannot sign in. */
  redeemToken(token: string): Redeemed;
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
  /** How long a login link works (default 10 minutes). */
  readonly linkLifetimeMs?: number;
  readonly now?: () => number;
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** The entry equal to `candidate`, comparing every entry in constant time so timing reveals nothing. */
function constantTimeFind(keys: Iterable<string>, candidate: string): string | undefined {
  const probe = Buffer.from(candidate);
  let found: string | undefined;
  for (const entry of keys) {
    const value = Buffer.from(entry);
    if (value.length === probe.length && timingSafeEqual(value, probe)) found = entry;
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
  // Link token → when it stops working. Spent tokens are deleted; expired ones stay a day so their page
  // can say "expired" rather than "unknown".
  const tokens = new Map<string, number>();
  const sessions = options.sessions ?? openSessionStore({ ...(options.now ? { now: options.now } : {}) });
  const lifetime = options.sessionLifetimeMs ?? (() => DEFAULT_SESSION_MS);
  const linkLifetime = options.linkLifetimeMs ?? LOGIN_LINK_MS;
  const now = options.now ?? Date.now;
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const sessionId = (header: string | undefined) => parseCookies(header).get(SESSION_COOKIE);
  const sessionExpiry = (header: string | undefined): number | null => {
    const id = sessionId(header);
    return id === undefined ? null : sessions.expiresAt(id);
  };
  return {
    issueToken() {
      const at = now();
      for (const [old, until] of tokens) if (until + 86_400_000 < at) tokens.delete(old);
      const token = secret();
      tokens.set(token, at + linkLifetime);
      return token;
    },
    redeemToken(token) {
      const found = constantTimeFind(tokens.keys(), token);
      if (found === undefined) return { kind: 'unknown' };
      const until = tokens.get(found) ?? 0;
      if (until <= now()) return { kind: 'expired' };
      tokens.delete(found);
      return { kind: 'session', session: sessions.create(lifetime()) };
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
