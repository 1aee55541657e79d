/**
 * The main window's options, as a pure function so a unit test can hold every security setting in place
 * (Electron security checklist items 2, 3, 4, 6, 8–10).
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/** The custom scheme the renderer is served from (checklist item 18: no file://). */
export const APP_SCHEME = 'app';
/** The renderer's origin; IPC from any other origin is refused. */
export const APP_ORIGIN = `${APP_SCHEME}://console`;
/** The page the window loads. */
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The window's size when nothing was saved, and the least it may be. */
export const WINDOW_SIZE = { width: 1280, height: 820, minWidth: 900, minHeight: 560 } as const;

/**
 * Options for the console window; `preload` is the absolute path of preload.cjs, `bounds` where the
 * operator last left the window (see window-state.ts).
 */
export function mainWindowOptions(
  preload: string,
  bounds: Partial<Rectangle> = {},
): BrowserWindowConstructorOptions {
  return {
    width: WINDOW_SIZE.width,
    height: WINDOW_SIZE.height,
    ...bounds,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    show: false,
    title: 'Airlock',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: process.env.AIRLOCK_DEVTOOLS === '1',
    },
  };
}
