/**
 * Browser mode's controls at the foot of the rail: turn on notifications (the permission prompt must
 * come from a click, and is asked for once: the browser remembers the answer) and log out.
 */
import { useState } from 'react';

import { errorMessage } from '../../shared/contract/result';
import { useConsole } from '../store/store-context';

function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Enable-notifications and log-out buttons; renders nothing in the desktop app. */
export function SessionControls() {
  const logout = useConsole((s) => s.logout);
  const [permission, setPermission] = useState(notificationPermission);
  const [error, setError] = useState<string | null>(null);
  if (logout === null) return null;
  const enable = () => {
    void Notification.requestPermission().then(setPermission, (caught: unknown) =>
      setError(errorMessage(caught)),
    );
  };
  const signOut = () => {
    logout().catch((caught: unknown) => setError(errorMessage(caught)));
  };
  return (
    <div className="rail-foot">
      {permission === 'default' ? (
        <button type="button" className="rail-item" onClick={enable}>
          Enable notifications
        </button>
      ) : permission === 'denied' ? (
        <p className="rail-note">Notifications are blocked for this site in the browser.</p>
      ) : null}
      <button type="button" className="rail-item" onClick={signOut}>
        Log out
      </button>
      {error !== null ? (
        <p className="rail-note" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
