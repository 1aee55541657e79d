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
import { navigation, type PolicyDraft, type PolicyEditMode, type PolicyTab } from './policy-draft-state';
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
  /** The unsaved policy edit; null until the operator edits (see policy-draft-state.ts). */
  readonly policyDraft: PolicyDraft | null;
  readonly policyTab: PolicyTab;
  readonly policyEditMode: PolicyEditMode;
  /** A screen the operator asked for while the policy has unsaved changes: the leave dialog shows. */
  readonly leavingTo: Screen | null;
  /** Asks to show a screen; leaving Policies with unsaved changes asks first (`leavingTo`). */
  readonly setScreen: (screen: Screen) => void;
  /** Answers the leave dialog: stay, leave keeping the draft, or leave discarding it. */
  readonly resolveLeave: (answer: 'stay' | 'keep' | 'discard') => void;
  readonly setPolicyDraft: (draft: PolicyDraft | null) => void;
  readonly setPolicyTab: (tab: PolicyTab) => void;
  readonly setPolicyEditMode: (mode: PolicyEditMode) => void;
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
    policyDraft: null,
    policyTab: 'edit',
    policyEditMode: 'form',
    leavingTo: null,
    setScreen(screen) {
      const state = get();
      if (navigation(state.screen, screen, state.policyDraft).kind === 'confirm') set({ leavingTo: screen });
      else set({ screen, leavingTo: null });
    },
    resolveLeave(answer) {
      const to = get().leavingTo;
      if (to === null || answer === 'stay') set({ leavingTo: null });
      else if (answer === 'keep') set({ screen: to, leavingTo: null });
      else set({ screen: to, leavingTo: null, policyDraft: null });
    },
    setPolicyDraft: (policyDraft) => set({ policyDraft }),
    setPolicyTab: (policyTab) => set({ policyTab }),
    setPolicyEditMode: (policyEditMode) => set({ policyEditMode }),
    select: (selectedId) => set({ selectedId }),
    focusItem: (id) => set({ screen: 'queue', selectedId: id, leavingTo: null }),
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
    // A clicked notification shows its item, but never decides it. A policy draft stays in the store.
    api.onFocusRequest(({ id }) => store.getState().focusItem(id)),
  ];
  return Object.assign(store, { dispose: () => stops.forEach((stop) => stop()) });
}
