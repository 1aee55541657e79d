/**
 * The Electron shell: one instance, the core in-process, one hardened window, tray, notifications.
 * Thin by design — the console backend is the same one browser mode uses.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { app, BrowserWindow } from 'electron';

import { airlockConsoleServices } from '../console/adapters/airlock-services';
import { createConsoleHandlers } from '../console/create-console-handlers';
import { startAirlock } from '../core/airlock';
import { findRendererDir } from '../web/renderer-dir';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { hardenSessions } from './hardening';
import { registerConsoleIpc } from './ipc';
import { startNotifications } from './notifications';
import { createTray } from './tray';
import { createMainWindow, focusWindow } from './windows';

const here = dirname(fileURLToPath(import.meta.url));
const OPERATOR = 'desktop';

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  await app.whenReady();
  hardenSessions();
  handleAppProtocol(findRendererDir(import.meta.url));

  const airlock = await startAirlock({
    dataDir: process.env.AIRLOCK_DATA_DIR ?? app.getPath('userData'),
    console: false,
  });
  const backend = createConsoleHandlers(
    airlockConsoleServices({ ...airlock, startAtLoginSupported: true, operator: OPERATOR }),
  );
  const ipc = registerConsoleIpc(backend.handlers, backend.events);

  let window: BrowserWindow | null = null;
  const show = async (): Promise<BrowserWindow> => {
    if (window === null || window.isDestroyed()) {
      window = await createMainWindow(join(here, 'preload.cjs'), ipc.trust);
    }
    focusWindow(window);
    return window;
  };
  const focusItem = (id: string) => void show().then(() => ipc.send('queue:focus', { id }));

  let quitting = false;
  const quit = () => {
    quitting = true;
    app.quit();
  };
  const tray = createTray(() => void show(), quit);
  const pendingCount = () => airlock.broker.list().filter((item) => item.state.kind === 'pending').length;
  airlock.broker.subscribe((change) => {
    tray.setPending(pendingCount());
    // Ask for attention for a new held call when the operator is elsewhere.
    if (change.type === 'added' && window !== null && !window.isDestroyed() && !window.isFocused()) {
      window.flashFrame(true);
      if (process.platform === 'darwin') app.dock?.bounce('informational');
    }
  });
  startNotifications({
    broker: airlock.broker,
    enabled: () => airlock.settings.get().notifications,
    focusItem,
    operator: OPERATOR,
  });
  const applyLogin = (openAtLogin: boolean) => app.setLoginItemSettings({ openAtLogin });
  applyLogin(airlock.settings.get().startAtLogin);
  airlock.settings.subscribe((settings) => applyLogin(settings.startAtLogin));

  app.on('second-instance', () => void show());
  app.on('activate', () => void show());
  // Closing the window keeps the core (and the tray) running: agents keep their sessions.
  app.on('window-all-closed', () => {
    if (quitting) app.quit();
  });
  let stopping = false;
  // Stop the core first: every agent session gets a clear error and every upstream is stopped.
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    quitting = true;
    backend.dispose();
    tray.destroy();
    void airlock.shutdown().finally(() => app.exit(0));
  });
  await show();
}

main().catch((error: unknown) => {
  process.stderr.write(`airlock: the desktop app could not start: ${(error as Error).message}\n`);
  app.exit(1);
});
