/**
 * Native notifications for new held calls. A notification only announces: clicking it (or its
 * "Approve" action) opens the queue on that item, because approving needs the full view (approval
 * fatigue, B.3 item 7). "Deny" is safe to take from the notification itself.
 */
import type { ApprovalNotification } from '../../shared/approvals/types';
import type { ApprovalBroker } from '../approvals/types';
import type { ElectronApi, ShellNotification } from './electron-api';

/** What the notifications need from the rest of the shell. */
export interface NotificationDeps {
  readonly Notification: ElectronApi['Notification'];
  readonly platform: NodeJS.Platform;
  readonly broker: ApprovalBroker;
  readonly enabled: () => boolean;
  /** Shows the window on this item. */
  readonly focusItem: (id: string) => void;
  readonly operator: string;
}

/** Starts announcing; returns the unsubscribe function. */
export function startNotifications(deps: NotificationDeps): () => void {
  const { Notification } = deps;
  // Held until closed: a notification that is garbage-collected loses its click handler.
  const live = new Set<ShellNotification>();
  return deps.broker.onNotification((note: ApprovalNotification) => {
    if (!deps.enabled() || !Notification.isSupported()) return;
    const notification = new Notification({
      title: note.title,
      body: note.body,
      urgency: note.urgency,
      // Action buttons exist on macOS only; elsewhere the click opens the item.
      actions:
        deps.platform === 'darwin'
          ? [
              { type: 'button', text: 'Review…' },
              { type: 'button', text: 'Deny' },
            ]
          : [],
    });
    live.add(notification);
    notification.on('click', () => deps.focusItem(note.id));
    notification.on('action', (_event, index) => {
      if (index === 0) {
        deps.focusItem(note.id);
        return;
      }
      const item = deps.broker.get(note.id);
      if (item?.state.kind === 'pending') {
        deps.broker.decide({
          id: item.id,
          digest: item.digest,
          decision: { kind: 'deny', reason: 'Denied by the operator from a notification' },
          by: deps.operator,
        });
      }
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  });
}
