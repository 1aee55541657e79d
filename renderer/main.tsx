/** Renderer entry: connects to the core (preload or WebSocket), builds the store, renders the console. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { connectConsole } from './api/connect';
import { App } from './App';
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
const store = createConsoleStore(connection.api, connection.onConnection);
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
