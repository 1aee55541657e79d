/**
 * Starting the desktop app when a bridge finds no core. The app runs the core in its main process and
 * starts in the background (no window). Where no app is installed the bridge fails closed instead and
 * says how to start Airlock.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Overrides where the desktop app's executable is (also used by tests to stand in a launcher). */
export const APP_PATH_ENV = 'AIRLOCK_APP_PATH';

/** Where installers put the app, per platform. */
export function installedAppCandidates(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string[] {
  switch (platform) {
    case 'darwin':
      return [
        '/Applications/Airlock.app/Contents/MacOS/Airlock',
        join(homedir(), 'Applications/Airlock.app/Contents/MacOS/Airlock'),
      ];
    case 'win32':
      return env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, 'Programs', 'Airlock', 'Airlock.exe')] : [];
    default:
      return ['/opt/Airlock/airlock', join(homedir(), 'Applications', 'Airlock.AppImage')];
  }
}

/** The arguments the app is started with: no window, and the bridge's data folder (electron/shell/shell-args.ts). */
export function desktopAppArgs(dataDir: string): string[] {
  return ['--background', '--data-dir', dataDir];
}

/**
 * Launches the app detached with `desktopAppArgs`; returns a description of what was
 * started, or undefined when no app is installed.
 */
export function startDesktopApp(
  dataDir: string,
  env: Record<string, string | undefined>,
): string | undefined {
  const override = env[APP_PATH_ENV];
  const candidates = override ? [override] : installedAppCandidates(process.platform, env);
  const app = candidates.find((path) => existsSync(path));
  if (!app) return undefined;
  const child = spawn(app, desktopAppArgs(dataDir), {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env },
  });
  child.on('error', () => undefined);
  child.unref();
  return `the Airlock app (${app})`;
}
