/**
 * Where the operator left the console window, kept in the desktop app's own preferences file
 * (`window-state.json` in the data folder, so `--data-dir` still isolates an instance completely) with
 * electron-store, the store the product's stack uses. What is read back is checked before use: a file
 * edited by hand, or a monitor unplugged since, must never put the window off-screen or make it tiny.
 */
import ElectronStore from 'electron-store';

import type { Rectangle } from 'electron';

import { WINDOW_SIZE } from './window-options';

/** The window's last normal (unmaximised) bounds and whether it was maximised. */
export interface WindowState {
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

/** What the window should open with. */
export interface RestoredWindow {
  readonly bounds: Partial<Rectangle>;
  readonly maximized: boolean;
}

/** How much of the title bar must lie on a screen for a saved position to be used. */
const VISIBLE_GRIP = { width: 120, height: 40 } as const;

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function gripVisible(bounds: Rectangle, workArea: Rectangle): boolean {
  const left = Math.max(bounds.x, workArea.x);
  const right = Math.min(bounds.x + bounds.width, workArea.x + workArea.width);
  const top = Math.max(bounds.y, workArea.y);
  const bottom = Math.min(bounds.y + VISIBLE_GRIP.height, workArea.y + workArea.height);
  return right - left >= Math.min(VISIBLE_GRIP.width, bounds.width) && bottom - top >= VISIBLE_GRIP.height;
}

/**
 * The bounds to open with, from whatever was saved (`unknown`: the file is the operator's) and the
 * displays' work areas now. Too small sizes grow to the minimum; a position no display shows is dropped,
 * so the window opens centred on the primary display.
 */
export function restoreWindow(saved: unknown, workAreas: readonly Rectangle[]): RestoredWindow {
  if (typeof saved !== 'object' || saved === null) return { bounds: {}, maximized: false };
  const record = saved as { bounds?: unknown; maximized?: unknown };
  const maximized = record.maximized === true;
  const b = (typeof record.bounds === 'object' && record.bounds !== null ? record.bounds : {}) as Record<
    string,
    unknown
  >;
  if (!isInteger(b.width) || !isInteger(b.height)) return { bounds: {}, maximized };
  const size = {
    width: Math.max(b.width, WINDOW_SIZE.minWidth),
    height: Math.max(b.height, WINDOW_SIZE.minHeight),
  };
  if (!isInteger(b.x) || !isInteger(b.y)) return { bounds: size, maximized };
  const bounds = { x: b.x, y: b.y, ...size };
  return workAreas.some((area) => gripVisible(bounds, area))
    ? { bounds, maximized }
    : { bounds: size, maximized };
}

/** The desktop app's window preferences. */
export interface WindowStateStore {
  /** What was saved, unchecked (pass it to `restoreWindow`). */
  read(): unknown;
  save(state: WindowState): void;
}

/** The preferences file's name in the data folder (`.json` is added). */
export const WINDOW_STATE_FILE = 'window-state';

/** Opens (or creates) the window preferences in `dataDir`. */
export function openWindowStateStore(dataDir: string): WindowStateStore {
  const store = new ElectronStore<{ window?: WindowState }>({
    cwd: dataDir,
    name: WINDOW_STATE_FILE,
    configFileMode: 0o600,
    // A damaged preferences file costs the window position, never the app's start.
    clearInvalidConfig: true,
  });
  return {
    read: () => store.get('window'),
    save: (state) => store.set('window', state),
  };
}
