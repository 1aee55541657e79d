/**
 * The tray icon: the app keeps running there when its window is closed, so it must always be visible and
 * say how many calls wait — in the tooltip everywhere, next to the icon on macOS, as the dock/launcher
 * badge where the platform has one, and by switching to the icon with the amber dot.
 */
import { join } from 'node:path';

import type { ElectronApi } from './electron-api';

/** A tray that shows how many calls wait. */
export interface PendingTray {
  setPending(count: number): void;
  destroy(): void;
}

/** What the tray shows for a pending count. */
export interface PendingLabel {
  readonly tooltip: string;
  /** Text next to the icon (macOS shows it; elsewhere it is empty). */
  readonly title: string;
  readonly icon: 'idle' | 'pending';
}

/** The tray's text and icon for `count` waiting calls. */
export function pendingLabel(count: number): PendingLabel {
  if (count <= 0) return { tooltip: 'Airlock — no calls waiting', title: '', icon: 'idle' };
  return {
    tooltip: `Airlock — ${count} call${count === 1 ? '' : 's'} waiting`,
    title: String(count),
    icon: 'pending',
  };
}

/** The tray icon files (16 px, with @2x variants Electron picks for HiDPI), relative to the app. */
export const TRAY_ICONS = { idle: 'build/tray/tray.png', pending: 'build/tray/tray-pending.png' } as const;

/** What the tray needs. */
export interface TrayDeps {
  readonly api: Pick<ElectronApi, 'app' | 'Tray' | 'Menu' | 'nativeImage'>;
  readonly platform: NodeJS.Platform;
  /** The folder TRAY_ICONS are relative to (the app's root). */
  readonly appRoot: string;
  /** Shows the window. */
  readonly onOpen: () => void;
  readonly onQuit: () => void;
}

/** Creates the tray; throws when an icon is missing, because an invisible tray app cannot be reached. */
export function createTray(deps: TrayDeps): PendingTray {
  const { api, platform } = deps;
  const load = (kind: keyof typeof TRAY_ICONS): string => {
    const path = join(deps.appRoot, TRAY_ICONS[kind]);
    // Electron would show an empty (invisible) icon for a bad file; refuse to start a tray nobody can see.
    if (api.nativeImage.createFromPath(path).isEmpty())
      throw new Error(`the tray icon ${path} is missing or unreadable`);
    return path;
  };
  const icons = { idle: load('idle'), pending: load('pending') };
  const tray = new api.Tray(icons.idle);
  tray.setContextMenu(
    api.Menu.buildFromTemplate([
      { label: 'Open Airlock', click: deps.onOpen },
      { type: 'separator' },
      { label: 'Quit Airlock', click: deps.onQuit },
    ]),
  );
  tray.on('click', deps.onOpen);
  let shown: number | undefined;
  const setPending = (count: number) => {
    if (count === shown) return;
    shown = count;
    const label = pendingLabel(count);
    tray.setToolTip(label.tooltip);
    tray.setImage(icons[label.icon]);
    if (platform === 'darwin') tray.setTitle(label.title);
    // The dock (macOS) and Unity launchers (Linux) show a count badge; Windows has none for tray apps.
    if (platform === 'darwin' || platform === 'linux') api.app.setBadgeCount(Math.max(0, count));
  };
  setPending(0);
  return { setPending, destroy: () => tray.destroy() };
}
