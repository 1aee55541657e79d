/**
 * The Electron entry point: hands the real Electron modules to the shell (run-shell.ts). Assigning them
 * to `ElectronApi` is what proves the shell's narrow types match Electron's own.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  screen,
  session,
  Tray,
} from 'electron';

import { findRendererDir } from '../web/renderer-dir';
import type { ElectronApi } from './electron-api';
import { runShell } from './run-shell';

const here = dirname(fileURLToPath(import.meta.url));
const electronApi: ElectronApi = {
  app,
  BrowserWindow,
  Tray,
  Menu,
  Notification,
  ipcMain,
  protocol,
  nativeImage,
  dialog,
  session,
  screen,
};

function fatal(error: unknown): void {
  const message = (error as Error).message;
  process.stderr.write(`airlock: the desktop app could not start: ${message}\n`);
  dialog.showErrorBox('Airlock could not start', message);
  app.exit(1);
}

try {
  runShell(electronApi, {
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    preload: join(here, 'preload.cjs'),
    rendererDir: findRendererDir(import.meta.url),
    stderr: (text) => process.stderr.write(text),
    signals: process,
  }).catch(fatal);
} catch (error) {
  fatal(error);
}
