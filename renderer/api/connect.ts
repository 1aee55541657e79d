/**
 * Picks the console API for where the renderer runs: the preload's intent API in Electron, or the
 * WebSocket transport in browser mode. The rest of the renderer cannot tell which.
 */
import { createConsoleApi, PRELOAD_GLOBAL, type ConsoleApi } from '../../shared/contract/api';
import { createSocketTransport, type ConnectionState } from './socket-transport';

/** The API plus a feed of connection state (always "open" under Electron). */
export interface ConsoleConnection {
  readonly api: ConsoleApi;
  readonly onConnection: (listener: (state: ConnectionState) => void) => () => void;
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
    };
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createSocketTransport(`${scheme}://${window.location.host}/api/ws`);
  return { api: createConsoleApi(transport), onConnection: transport.onConnection };
}
