/** The tray icon: pending count in its title or tooltip, and a menu to open or quit. */
import { Menu, nativeImage, Tray } from 'electron';

/** A tray that shows how many calls wait. */
export interface PendingTray {
  setPending(count: number): void;
  destroy(): void;
}

/** Creates the tray; `onOpen` shows the window. */
export function createTray(onOpen: () => void, onQuit: () => void): PendingTray {
  const tray = new Tray(nativeImage.createEmpty());
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Airlock', click: onOpen },
      { type: 'separator' },
      { label: 'Quit Airlock', click: onQuit },
    ]),
  );
  tray.on('click', onOpen);
  const setPending = (count: number) => {
    const text =
      count === 0 ? 'Airlock — no calls waiting' : `Airlock — ${count} call${count === 1 ? '' : 's'} waiting`;
    tray.setToolTip(text);
    // macOS shows a title next to the icon; elsewhere the tooltip carries it.
    if (process.platform === 'darwin') tray.setTitle(count === 0 ? '' : String(count));
  };
  setPending(0);
  return { setPending, destroy: () => tray.destroy() };
}
