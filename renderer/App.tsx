/** The console layout: left rail, then the current screen (list in the middle, detail on the right). */
import { useEffect } from 'react';

import { assertNever } from '../shared/json';
import { Rail } from './components/Rail';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { PoliciesScreen } from './screens/policies/PoliciesScreen';
import { UnsavedChangesDialog } from './screens/policies/UnsavedChangesDialog';
import { useBeforeUnloadGuard } from './screens/policies/use-before-unload';
import { QueueScreen } from './screens/queue/QueueScreen';
import { ServersScreen } from './screens/servers/ServersScreen';
import { tabTitle } from './notifications/notification-text';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import type { Screen } from './store/console-store';
import { useConsole } from './store/store-context';

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'queue':
      return <QueueScreen />;
    case 'policies':
      return <PoliciesScreen />;
    case 'history':
      return <HistoryScreen />;
    case 'servers':
      return <ServersScreen />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return assertNever(screen, 'Unknown screen');
  }
}

function SignedOut() {
  return (
    <div className="signed-out" role="alert">
      <h1>Signed out</h1>
      <p>
        This login ended (logged out, expired, or forgotten by the core). Run <code>airlock console-url</code>{' '}
        for a new login link, or <code>airlock open</code> to open one in the browser.
      </p>
    </div>
  );
}

/** Keeps the tab title on the pending count: "(3) Airlock". */
function useTabTitle(): void {
  const pending = useConsole(
    (s) => s.queue?.items.filter((item) => item.state.kind === 'pending').length ?? 0,
  );
  useEffect(() => {
    document.title = tabTitle(pending);
  }, [pending]);
}

/** The whole console. */
export function App() {
  const screen = useConsole((s) => s.screen);
  const connection = useConsole((s) => s.connection);
  useTabTitle();
  useBeforeUnloadGuard();
  if (connection === 'signed-out') {
    return (
      <main className="screen">
        <SignedOut />
      </main>
    );
  }
  return (
    <div className="app">
      <Rail />
      <main className="screen">
        {connection === 'lost' ? (
          <div className="connection-banner" role="alert">
            ✕ Connection to Airlock lost — reconnecting… Decisions are paused until it is back.
          </div>
        ) : null}
        <CurrentScreen screen={screen} />
      </main>
      <UnsavedChangesDialog />
    </div>
  );
}
