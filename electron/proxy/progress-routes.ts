/**
 * Progress routing for one session. A client's progress token stays valid only while its request is
 * active; keepalives sent while a call was held shift the upstream's later progress values so they keep
 * strictly increasing, as the spec requires.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** A progress token as sent by the client. */
export type ProgressToken = string | number;

/** Key that keeps `1` and `"1"` apart. */
function tokenKey(token: ProgressToken): string {
  return typeof token === 'number' ? `n:${token}` : `s:${token}`;
}

/** Reads `params._meta.progressToken` from a request's params, if valid. */
export function progressTokenOf(params: Record<string, unknown> | undefined): ProgressToken | undefined {
  const meta = params?._meta;
  if (typeof meta !== 'object' || meta === null) return undefined;
  const token = (meta as { progressToken?: unknown }).progressToken;
  return typeof token === 'string' || typeof token === 'number' ? token : undefined;
}

/** Active progress tokens and their offsets. */
export class ProgressRoutes {
  private readonly routes = new Map<string, { offset: number }>();

  /** Opens a route for a forwarded request; `offset` is how many keepalives the client already got. */
  open(token: ProgressToken, offset: number): void {
    this.routes.set(tokenKey(token), { offset });
  }

  /** Closes a route when its request is answered or cancelled: later progress is dropped. */
  close(token: ProgressToken | undefined): void {
    if (token !== undefined) this.routes.delete(tokenKey(token));
  }

  /**
   * Rewrites an upstream progress notification for the client, or returns undefined when the token is
   * not active (progress after the response, or a token the client never sent: both must be dropped).
   */
  rewrite(params: Record<string, unknown> | undefined): JSONRPCMessage | undefined {
    const token = params?.progressToken;
    if (typeof token !== 'string' && typeof token !== 'number') return undefined;
    const route = this.routes.get(tokenKey(token));
    if (!route) return undefined;
    if (route.offset === 0) return { jsonrpc: '2.0', method: 'notifications/progress', params };
    const shifted: Record<string, unknown> = { ...params };
    if (typeof shifted.progress === 'number') shifted.progress = shifted.progress + route.offset;
    if (typeof shifted.total === 'number') shifted.total = shifted.total + route.offset;
    return { jsonrpc: '2.0', method: 'notifications/progress', params: shifted };
  }
}

/** Builds one keepalive progress notification. */
export function keepalive(token: ProgressToken, progress: number, message: string): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    method: 'notifications/progress',
    params: { progressToken: token, progress, message },
  };
}
