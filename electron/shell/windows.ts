/** Creates the console window with the locked-down options and the app:// entry page. */
import type { ElectronApi, ShellWebContents, ShellWindow } from './electron-api';
import { APP_ENTRY, mainWindowOptions } from './window-options';
import { restoreWindow, type WindowStateStore } from './window-state';

/** What opening the console window needs. */
export interface MainWindowDeps {
  readonly api: Pick<ElectronApi, 'BrowserWindow' | 'screen'>;
  /** The absolute path of preload.cjs. */
  readonly preload: string;
  /** Registers the window's web contents for IPC before the page loads. */
  readonly trust: (contents: ShellWebContents) => void;
  readonly windowState: WindowStateStore;
}

/** Opens the console window where the operator last left it. */
export async function createMainWindow(deps: MainWindowDeps): Promise<ShellWindow> {
  const restored = restoreWindow(
    deps.windowState.read(),
    deps.api.screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new deps.api.BrowserWindow(mainWindowOptions(deps.preload, restored.bounds));
  if (restored.maximized) window.maximize();
  deps.trust(window.webContents);
  // Belt and braces on our own window, on top of the app-wide handlers in hardening.ts.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.on('close', () =>
    deps.windowState.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
  );
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);
  return window;
}

/** Brings a window to the front. */
export function focusWindow(window: ShellWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
