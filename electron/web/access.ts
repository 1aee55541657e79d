/**
 * Who may talk to the browser-mode console: a one-time login token (printed by `airlock serve`) is
 * exchanged for an HttpOnly, SameSite=Strict session cookie; every request must name this server in its
 * Host header (DNS rebinding), and every WebSocket upgrade must come from this server's own origin
 * (cross-site WebSocket hijacking).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'airlock_console';

/** Token and cookie state for one web console. */
export interface AccessControl {
  /** Issues a fresh one-time login token. */
  issueToken(): string;
  /** Spends a login token: returns a new session id, or null when the token is unknown or spent. */
  redeemToken(token: string): string | null;
  /** Whether the request's Cookie header carries a live session. */
  hasSession(cookieHeader: string | undefined): boolean;
  /** The Host values this server answers to. */
  allowedHosts(): readonly string[];
  /** Whether a Host header names this server. */
  hostAllowed(host: string | undefined): boolean;
  /** Whether a WebSocket upgrade's Origin is this server's own. */
  originAllowed(origin: string | undefined): boolean;
  /** Set-Cookie header value for a session id. */
  sessionCookie(sessionId: string): string;
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
export function createAccessControl(port: number): AccessControl {
  const tokens = new Set<string>();
  const sessions = new Set<string>();
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    issueToken() {
      const token = secret();
      tokens.add(token);
      return token;
    },
    redeemToken(token) {
      if (!constantTimeIncludes(tokens, token)) return null;
      tokens.delete(token);
      const session = secret();
      sessions.add(session);
      return session;
    },
    hasSession(cookieHeader) {
      const value = parseCookies(cookieHeader).get(SESSION_COOKIE);
      return value !== undefined && constantTimeIncludes(sessions, value);
    },
    allowedHosts: () => hosts,
    hostAllowed: (host) => host !== undefined && hosts.includes(host.toLowerCase()),
    originAllowed: (origin) =>
      origin !== undefined && hosts.some((h) => origin.toLowerCase() === `http://${h}`),
    sessionCookie: (sessionId) => `${SESSION_COOKIE}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`,
  };
}
