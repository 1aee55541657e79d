/**
 * Renderer entry: connects to the core (preload or WebSocket), builds the store, starts browser
 * notifications in browser mode, renders the console.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { connectConsole } from './api/connect';
import { App } from './App';
import { startWebNotifications } from './notifications/web-notifications';
import { createConsoleStore } from './store/console-store';
import { StoreProvider } from './store/store-context';
import './styles/base.css';
import './styles/layout.css';
import './styles/queue.css';
import './styles/screens.css';
import './styles/policy-editor.css';

const root = document.getElementById('root');
if (root === null) throw new Error('#root is missing from index.html');
const connection = connectConsole();
const store = createConsoleStore(connection.api, connection.onConnection, connection.logout);
// The desktop app raises native notifications from the main process; the browser page raises its own.
if (connection.mode === 'browser')
  startWebNotifications(store, typeof Notification === 'undefined' ? undefined : Notification);
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
