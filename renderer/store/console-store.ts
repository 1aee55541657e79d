/**
 * The renderer's store: a projection of state the core pushes (queue, sessions, policy status, settings)
 * plus UI state (screen, selection, batch marks). Actions call the API and wait for the push; they never
 * edit the projected state themselves.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { ConsoleApi } from '../../shared/contract/api';
import type {
  PolicyStatus,
  QueueSnapshot,
  SessionsSnapshot,
  SettingsView,
} from '../../shared/contract/views';
import type { ConnectionState } from '../api/socket-transport';
import { reviveItem } from './revive-item';
import { selectionAfterChange } from './selection';

/** The screens of the left rail. */
export type Screen = 'queue' | 'policies' | 'history' | 'servers' | 'settings';

/** Everything the renderer keeps. */
export interface ConsoleState {
  readonly api: ConsoleApi;
  readonly connection: ConnectionState;
  /** Counts reconnections: screens that loaded data load it again when it changes. */
  readonly connectionEpoch: number;
  /** Ends the browser login; null in the desktop app (nothing to sign out of). */
  readonly logout: (() => Promise<void>) | null;
  /** Null until the first push: the UI shows a loading state. */
  readonly queue: QueueSnapshot | null;
  readonly sessions: SessionsSnapshot | null;
  readonly policyStatus: PolicyStatus | null;
  readonly settings: SettingsView | null;
  readonly screen: Screen;
  readonly selectedId: string | null;
  /** Items marked for a batch decision. */
  readonly marked: ReadonlySet<string>;
  readonly showKeys: boolean;
  readonly setScreen: (screen: Screen) => void;
  readonly select: (id: string | null) => void;
  /** Shows one queue item (a clicked notification): selects it, never decides it. */
  readonly focusItem: (id: string) => void;
  /** Moves the selection by `delta` rows (j/k). */
  readonly move: (delta: number) => void;
  readonly toggleMark: (id: string) => void;
  readonly setMarked: (ids: readonly string[]) => void;
  readonly setShowKeys: (show: boolean) => void;
}

/** A console store. */
export type ConsoleStore = StoreApi<ConsoleState>;

/** Creates the store and subscribes it to the API's pushes; `dispose` unsubscribes. */
export function createConsoleStore(
  api: ConsoleApi,
  onConnection: (listener: (state: ConnectionState) => void) => () => void = () => () => undefined,
  logout: (() => Promise<void>) | null = null,
): ConsoleStore & { dispose(): void } {
  const store = createStore<ConsoleState>()((set, get) => ({
    api,
    connection: 'connecting',
    connectionEpoch: 0,
    logout,
    queue: null,
    sessions: null,
    policyStatus: null,
    settings: null,
    screen: 'queue',
    selectedId: null,
    marked: new Set(),
    showKeys: false,
    setScreen: (screen) => set({ screen }),
    select: (selectedId) => set({ selectedId }),
    focusItem: (id) => set({ screen: 'queue', selectedId: id }),
    move(delta) {
      const items = get().queue?.items ?? [];
      if (items.length === 0) return;
      const index = items.findIndex((item) => item.id === get().selectedId);
      const next = Math.max(0, Math.min(items.length - 1, index < 0 ? 0 : index + delta));
      set({ selectedId: items[next]?.id ?? null });
    },
    toggleMark(id) {
      const marked = new Set(get().marked);
      if (marked.has(id)) marked.delete(id);
      else marked.add(id);
      set({ marked });
    },
    setMarked: (ids) => set({ marked: new Set(ids) }),
    setShowKeys: (showKeys) => set({ showKeys }),
  }));
  const stops = [
    onConnection((connection) => {
      const { connection: before, connectionEpoch } = store.getState();
      // A reconnect (not the first open): what screens loaded may be stale.
      const reopened = connection === 'open' && before === 'lost';
      store.setState({ connection, connectionEpoch: connectionEpoch + (reopened ? 1 : 0) });
    }),
    api.onQueueChanged((snapshot) => {
      const queue: QueueSnapshot = { ...snapshot, items: snapshot.items.map(reviveItem) };
      const state = store.getState();
      const live = new Set(queue.items.map((item) => item.id));
      store.setState({
        queue,
        selectedId: selectionAfterChange(state.queue?.items ?? [], queue.items, state.selectedId),
        marked: new Set([...state.marked].filter((id) => live.has(id))),
      });
    }),
    api.onSessionsChanged((sessions) => store.setState({ sessions })),
    api.onPolicyStatus((policyStatus) => store.setState({ policyStatus })),
    api.onSettingsChanged((settings) => store.setState({ settings })),
    // A clicked notification shows its item, but never decides it.
    api.onFocusRequest(({ id }) => store.getState().focusItem(id)),
  ];
  return Object.assign(store, { dispose: () => stops.forEach((stop) => stop()) });
}
