/**
 * Picks the console API for where the renderer runs: the preload's intent API in Electron, or the
 * WebSocket transport in browser mode. The rest of the renderer cannot tell which, except that only
 * browser mode has a login to end and needs the page's own notifications.
 */
import { createConsoleApi, PRELOAD_GLOBAL, type ConsoleApi } from '../../shared/contract/api';
import { createSocketTransport, type ConnectionState } from './socket-transport';

/** The API plus a feed of connection state (always "open" under Electron). */
export interface ConsoleConnection {
  readonly api: ConsoleApi;
  readonly onConnection: (listener: (state: ConnectionState) => void) => () => void;
  /** Browser mode only: ends the login (the server forgets it and closes the socket). */
  readonly logout: (() => Promise<void>) | null;
  /** Where the page runs: the desktop app raises native notifications itself. */
  readonly mode: 'desktop' | 'browser';
}

/** Signs out of the browser console (same-origin POST; the cookie rides along, SameSite=Strict). */
export async function logout(): Promise<void> {
  const reply = await fetch('/api/logout', { method: 'POST', credentials: 'same-origin' });
  if (reply.status !== 204) throw new Error(`Logout failed (${reply.status}).`);
}

/** Connects to the core. */
export function connectConsole(): ConsoleConnection {
  const preload = (window as unknown as Record<string, unknown>)[PRELOAD_GLOBAL];
  if (typeof preload === 'object' && preload !== null) {
    return {
      api: preload as ConsoleApi,
      onConnection: (listener) => {
        listener('open');
        return () => undefined;
      },
      logout: null,
      mode: 'desktop',
    };
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createSocketTransport(`${scheme}://${window.location.host}/api/ws`);
  return { api: createConsoleApi(transport), onConnection: transport.onConnection, logout, mode: 'browser' };
}
