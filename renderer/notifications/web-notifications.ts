/**
 * Browser mode's notifications: one Web Notification per newly held call, while the browser allows them
 * and the "notifications" setting is on. A click focuses the window and selects that item; it never
 * decides anything. Items already waiting when the page loads are not announced again.
 */
import type { ConsoleStore } from '../store/console-store';
import { notificationText } from './notification-text';

/** The slice of the browser's Notification API used here (so the module is testable without it). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  new (title: string, options?: NotificationOptions): Notification;
}

/** Starts announcing new pending items; returns the unsubscribe function. */
export function startWebNotifications(store: ConsoleStore, api: NotificationApi | undefined): () => void {
  if (api === undefined) return () => undefined;
  let seen: Set<string> | null = null;
  return store.subscribe((state, previous) => {
    if (state.queue === previous.queue || state.queue === null) return;
    const pending = state.queue.items.filter((item) => item.state.kind === 'pending');
    const known = seen;
    seen = new Set(pending.map((item) => item.id));
    // The first snapshot is what was already waiting: the page shows it, nothing to announce.
    if (known === null) return;
    if (api.permission !== 'granted' || state.settings?.notifications === false) return;
    for (const item of pending) {
      if (known.has(item.id)) continue;
      const { title, body } = notificationText(item);
      // The tag makes a repeat for the same item replace the old notification instead of stacking.
      const note = new api(title, { body, tag: item.id });
      note.onclick = () => {
        window.focus();
        store.getState().focusItem(item.id);
        note.close();
      };
    }
  });
}
