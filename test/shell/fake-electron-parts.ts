/** The small pieces of the fake Electron (fake-electron.ts): events, frames, images and its options. */
import { readFileSync } from 'node:fs';

import type * as E from 'electron';

import type { ShellImage } from '../../electron/shell/electron-api';

/** An Electron event: listeners may cancel the default action. */
export interface FakeEvent {
  preventDefault: () => void;
  readonly defaultPrevented: boolean;
}

/** A new event object, as Electron passes to listeners. */
export function fakeEvent(): FakeEvent {
  const event = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** A frame; `mainFrame` of a web contents is compared by identity, as in Electron. */
export class FakeFrame {
  constructor(public url: string) {}
}

/** What the fake is set up with. */
export interface FakeElectronOptions {
  /** What `getAppPath()` returns: where the shell finds its tray icons. */
  readonly appRoot: string;
  /** Another instance holds the single-instance lock. */
  readonly lockHeldElsewhere?: boolean;
  readonly notificationsSupported?: boolean;
  readonly workAreas?: readonly E.Rectangle[];
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Like Electron's `nativeImage.createFromPath`: empty unless the file is a readable PNG. */
export function imageFromPath(path: string): ShellImage {
  let ok = false;
  try {
    ok = readFileSync(path).subarray(0, 8).equals(PNG_SIGNATURE);
  } catch {
    ok = false;
  }
  return { isEmpty: () => !ok };
}
