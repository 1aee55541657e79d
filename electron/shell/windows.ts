/** Creates the console window with the locked-down options and the app:// entry page. */
import { BrowserWindow } from 'electron';

import { APP_ENTRY, mainWindowOptions } from './window-options';

/** Opens the console window; `trust` registers its web contents for IPC before the page loads. */
export async function createMainWindow(
  preload: string,
  trust: (contents: Electron.WebContents) => void,
): Promise<BrowserWindow> {
  const window = new BrowserWindow(mainWindowOptions(preload));
  trust(window.webContents);
  // Belt and braces on our own window, on top of the app-wide handlers in hardening.ts.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);
  return window;
}

/** Brings a window to the front. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
