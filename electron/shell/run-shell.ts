/**
 * The desktop app: one instance, the core in-process, one hardened window, tray, notifications. It is
 * given Electron (electron-api.ts) rather than importing it, so tests drive it with a fake of those APIs
 * and the real core. Thin by design — the console backend is the same one browser mode uses.
 */
import type { Airlock } from '../core/airlock';
import { startAirlock } from '../core/airlock';
import { resolveDataDir } from '../core/paths';
import { airlockConsoleServices } from '../console/adapters/airlock-services';
import { createConsoleHandlers } from '../console/create-console-handlers';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import type { ElectronApi, ShellWindow } from './electron-api';
import { hardenSessions } from './hardening';
import { registerConsoleIpc } from './ipc';
import { startNotifications } from './notifications';
import { appArguments, launchRequestOf, parseShellArgs, type LaunchRequest } from './shell-args';
import { createTray } from './tray';
import { openWindowStateStore } from './window-state';
import { createMainWindow, focusWindow } from './windows';

const OPERATOR = 'desktop';

/** What the shell needs from its process. */
export interface ShellOptions {
  /** `process.argv`. */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  /** The absolute path of preload.cjs. */
  readonly preload: string;
  /** The built renderer's folder. */
  readonly rendererDir: string;
  readonly stderr: (text: string) => void;
  /** Where stop signals arrive (`process`): SIGTERM, SIGINT and SIGHUP quit as the tray's Quit does. */
  readonly signals: { once(signal: StopSignal, listener: () => void): unknown };
}

/** The signals that stop the desktop app (a logout, `kill`, a closed terminal). */
export type StopSignal = 'SIGTERM' | 'SIGINT' | 'SIGHUP';

/** How a start went. */
export type ShellStart =
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'already-running' }
  | {
      readonly kind: 'running';
      readonly dataDir: string;
      readonly background: boolean;
      readonly airlock: Airlock;
    };

/** Starts the desktop app; on bad arguments it says why and exits 2. */
export async function runShell(api: ElectronApi, options: ShellOptions): Promise<ShellStart> {
  const { app } = api;
  const parsed = parseShellArgs(appArguments(options.argv, app.isPackaged));
  if (parsed.kind === 'error') {
    options.stderr(`airlock: ${parsed.message}\n`);
    // Launched from a desktop there is no terminal to read stderr in.
    api.dialog.showErrorBox('Airlock could not start', parsed.message);
    app.exit(2);
    return { kind: 'refused', message: parsed.message };
  }
  const { background } = parsed.args;
  const dataDir = resolveDataDir(parsed.args.dataDir, options.env);
  const request: LaunchRequest = { background, dataDir };
  if (!app.requestSingleInstanceLock({ ...request })) {
    options.stderr('airlock: the desktop app is already running; it was told about this start\n');
    app.quit();
    return { kind: 'already-running' };
  }
  registerAppScheme(api.protocol);
  await app.whenReady();
  hardenSessions(api);
  handleAppProtocol(api.protocol, options.rendererDir);
  const airlock = await startAirlock({ dataDir, console: false });
  try {
    wireShell(api, options, airlock, request);
  } catch (error) {
    await airlock.shutdown();
    throw error;
  }
  return { kind: 'running', dataDir, background, airlock };
}

/** Everything around the running core: window, tray, notifications, login item, quit. */
function wireShell(api: ElectronApi, options: ShellOptions, airlock: Airlock, launch: LaunchRequest): void {
  const { app } = api;
  const report = (error: unknown) =>
    options.stderr(`airlock: the console window could not open: ${(error as Error).message}\n`);
  const backend = createConsoleHandlers(
    airlockConsoleServices({
      ...airlock,
      // Electron sets login items on macOS and Windows only.
      startAtLoginSupported: options.platform !== 'linux',
      operator: OPERATOR,
    }),
  );
  const ipc = registerConsoleIpc(api.ipcMain, backend.handlers, backend.events);
  const windowState = openWindowStateStore(airlock.core.dataDir);

  let window: ShellWindow | null = null;
  let opening: Promise<ShellWindow> | null = null;
  const show = async (): Promise<ShellWindow> => {
    if (window === null || window.isDestroyed()) {
      // Two quick asks (tray click and a notification) must not open two windows.
      opening ??= createMainWindow({ api, preload: options.preload, trust: ipc.trust, windowState }).finally(
        () => (opening = null),
      );
      window = await opening;
    }
    focusWindow(window);
    return window;
  };
  const open = () => void show().catch(report);
  const focusItem = (id: string) =>
    void show()
      .then(() => ipc.send('queue:focus', { id }))
      .catch(report);

  const tray = createTray({
    api,
    platform: options.platform,
    appRoot: app.getAppPath(),
    onOpen: open,
    onQuit: () => app.quit(),
  });
  const pendingCount = () => airlock.broker.list().filter((item) => item.state.kind === 'pending').length;
  const stopQueue = airlock.broker.subscribe((change) => {
    tray.setPending(pendingCount());
    // Ask for attention for a new held call when the operator is elsewhere.
    if (change.type === 'added' && window !== null && !window.isDestroyed() && !window.isFocused()) {
      window.flashFrame(true);
      if (options.platform === 'darwin') app.dock?.bounce('informational');
    }
  });
  const stopNotifications = startNotifications({
    Notification: api.Notification,
    platform: options.platform,
    broker: airlock.broker,
    enabled: () => airlock.settings.get().notifications,
    focusItem,
    operator: OPERATOR,
  });
  // Started at login, the app comes up the way a bridge starts it: in the background, same data folder.
  const loginArgs = ['--background', '--data-dir', airlock.core.dataDir];
  const applyLogin = (openAtLogin: boolean) => app.setLoginItemSettings({ openAtLogin, args: loginArgs });
  applyLogin(airlock.settings.get().startAtLogin);
  const stopSettings = airlock.settings.subscribe((settings) => applyLogin(settings.startAtLogin));

  app.on('second-instance', (_event, _argv, _cwd, data) => {
    const request = launchRequestOf(data);
    if (request.dataDir !== undefined && request.dataDir !== airlock.core.dataDir)
      options.stderr(
        `airlock: a second start asked for data folder ${request.dataDir}; this app serves ${airlock.core.dataDir}\n`,
      );
    if (!request.background) open();
  });
  app.on('activate', open);
  // Closing the window keeps the core (and the tray) running: agents keep their sessions.
  app.on('window-all-closed', () => undefined);
  let stopping = false;
  // Stop the core first: every agent session gets a clear error and every upstream is stopped.
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    stopQueue();
    stopNotifications();
    stopSettings();
    backend.dispose();
    tray.destroy();
    airlock.shutdown().then(
      () => app.exit(0),
      (error: unknown) => {
        options.stderr(`airlock: the core did not stop cleanly: ${(error as Error).message}\n`);
        app.exit(1);
      },
    );
  });
  // Electron quits on these by itself on some platforms; saying so here makes every platform end the core first.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    options.signals.once(signal, () => app.quit());
  if (!launch.background) open();
}
