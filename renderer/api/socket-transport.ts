/**
 * Browser-mode transport: the console contract over one WebSocket to `airlock serve`. Reconnects with
 * backoff (a restarted core included: it sends its whole state again on connect) and replays the last
 * pushed value of each channel to late subscribers. Before each reconnect it asks whether the login still
 * holds, so a logout, an expiry or a core that forgot the session shows "signed out" instead of retrying
 * for ever.
 */
import type { ConsoleTransport } from '../../shared/contract/api';
import { pushChannels, type PushChannel } from '../../shared/contract/channels';
import { ConsoleError, type InvokeResult } from '../../shared/contract/result';

/** The transport's connection state, for the UI's "reconnecting…" banner and signed-out screen. */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'signed-out';

/** The close code the server uses when the session ended (see start-web-console.ts). */
const SIGNED_OUT_CLOSE_CODE = 4401;

/** Backoff ceiling: a restarted core is found within this long of coming back. */
const MAX_BACKOFF_MS = 2000;

/** Whether the login cookie still holds: true, false (signed out) or null (the core is unreachable). */
export type SessionProbe = () => Promise<boolean | null>;

/** Asks `/api/session` (204 signed in, 401 not) on the page's own origin. */
export const probeSession: SessionProbe = async () => {
  try {
    const reply = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
    if (reply.status === 204) return true;
    return reply.status === 401 ? false : null;
  } catch {
    return null;
  }
};

interface Pending {
  readonly channel: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A transport plus its connection state feed. */
export interface SocketTransport extends ConsoleTransport {
  readonly onConnection: (listener: (state: ConnectionState) => void) => () => void;
  readonly close: () => void;
}

const PUSH: ReadonlySet<string> = new Set(pushChannels);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Connects to `url` (ws://host/api/ws) and keeps the connection up. */
export function createSocketTransport(url: string, probe: SessionProbe = probeSession): SocketTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let closed = false;
  let attempt = 0;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(data: never) => void>>();
  const lastPush = new Map<string, unknown>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let current: ConnectionState = 'connecting';
  const setState = (state: ConnectionState) => {
    current = state;
    for (const listener of connectionListeners) listener(state);
  };

  const onFrame = (text: string) => {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(frame)) return;
    if (frame.kind === 'push' && typeof frame.channel === 'string' && PUSH.has(frame.channel)) {
      lastPush.set(frame.channel, frame.data);
      for (const listener of listeners.get(frame.channel) ?? [])
        (listener as (data: unknown) => void)(frame.data);
    } else if (frame.kind === 'result' && typeof frame.id === 'number') {
      const call = pending.get(frame.id);
      if (call === undefined) return;
      pending.delete(frame.id);
      const result = frame.result as InvokeResult<unknown>;
      if (result.ok) call.resolve(result.value);
      else call.reject(new ConsoleError(call.channel, result.error));
    }
  };

  const retry = () => {
    attempt += 1;
    setTimeout(() => void reconnect(), Math.min(MAX_BACKOFF_MS, 125 * 2 ** attempt));
  };
  const reconnect = async () => {
    if (closed) return;
    const signedIn = await probe();
    if (signedIn === false) {
      setState('signed-out');
      return;
    }
    if (signedIn === null) retry();
    else connect();
  };
  const connect = () => {
    if (current !== 'lost') setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('open');
    };
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') onFrame(event.data);
    };
    ws.onclose = (event) => {
      socket = null;
      for (const call of pending.values())
        call.reject(new ConsoleError(call.channel, 'Connection to Airlock lost.'));
      pending.clear();
      if (closed) return;
      if (event.code === SIGNED_OUT_CLOSE_CODE) {
        setState('signed-out');
        return;
      }
      setState('lost');
      retry();
    };
  };
  connect();

  return {
    invoke(channel, request) {
      return new Promise((resolve, reject) => {
        if (socket?.readyState !== WebSocket.OPEN) {
          reject(new ConsoleError(channel, 'Not connected to Airlock.'));
          return;
        }
        const id = nextId++;
        pending.set(id, { channel, resolve, reject });
        socket.send(JSON.stringify({ kind: 'invoke', id, channel, payload: request }));
      });
    },
    on(channel: PushChannel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      if (lastPush.has(channel)) (listener as (data: unknown) => void)(lastPush.get(channel));
      return () => set.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(current);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
