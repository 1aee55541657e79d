/**
 * How the desktop app starts and ends, driven through a fake of Electron with the real core: the
 * arguments the bridge passes, background start, the single-instance lock, and quitting from the tray.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { desktopAppArgs } from '../../electron/bridge/autostart';
import { startShell, type ShellRun } from './shell-harness';

const runs: ShellRun[] = [];
afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.stop()));
});

async function shell(...params: Parameters<typeof startShell>): Promise<ShellRun> {
  const run = await startShell(...params);
  runs.push(run);
  return run;
}

describe('desktop app start', () => {
  it('starts as the bridge asks: the core in the given folder, a tray, and no window', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    const { dataDir, background } = run.running();
    expect(dataDir).toBe(run.dir);
    expect(background).toBe(true);
    expect(existsSync(join(run.dir, 'airlock.sock'))).toBe(true);
    expect(run.fake.windows).toHaveLength(0);
    expect(run.fake.trays[0]?.tooltip).toBe('Airlock — no calls waiting');
    // A later start learns the folder and mode of this one.
    expect(run.fake.app.lockData).toEqual({ background: true, dataDir: run.dir });
  });

  it('opens the window only when the operator asks from the tray', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    run.fake.trays[0]?.clickMenuItem('Open Airlock');
    await expect.poll(() => run.fake.openWindows().length).toBe(1);
    const window = run.fake.windows[0];
    await expect.poll(() => window?.visible).toBe(true);
    expect(window?.webContents.mainFrame.url).toBe('app://console/index.html');
  });

  it('opens the console window at once without --background', async () => {
    const run = await shell((dir) => ['--data-dir', dir]);
    await expect.poll(() => run.fake.windows[0]?.visible).toBe(true);
    expect(run.fake.windows[0]?.focused).toBe(true);
  });

  it('uses AIRLOCK_DATA_DIR when no --data-dir is given, as the CLI does', async () => {
    const run = await shell(() => ['--background'], { env: (dir) => ({ AIRLOCK_DATA_DIR: dir }) });
    expect(run.running().dataDir).toBe(run.dir);
    expect(existsSync(join(run.dir, 'airlock.sock'))).toBe(true);
  });

  it('refuses an unknown argument plainly and exits 2 without starting the core', async () => {
    const run = await shell((dir) => ['--data-dir', join(dir, 'never'), '--bakground']);
    expect(run.start).toEqual({
      kind: 'refused',
      message: "unknown option '--bakground'; usage: Airlock [--background] [--data-dir DIR]",
    });
    expect(run.fake.exitCode()).toBe(2);
    expect(run.stderr.join('')).toMatch(/airlock: unknown option '--bakground'/);
    expect(run.fake.errorBoxes[0]?.content).toMatch(/unknown option/);
    expect(existsSync(join(run.dir, 'never'))).toBe(false);
  });

  it('hands over to the running instance when the lock is held, starting no core', async () => {
    const run = await shell((dir) => ['--data-dir', join(dir, 'second')], { lockHeldElsewhere: true });
    expect(run.start).toEqual({ kind: 'already-running' });
    expect(run.fake.exitCode()).toBe(0);
    expect(existsSync(join(run.dir, 'second'))).toBe(false);
  });
});

describe('second instance', () => {
  it('opens and focuses the one window when the operator starts the app again', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    run.fake.app.secondInstance({ background: false, dataDir: run.dir });
    run.fake.app.secondInstance({ background: false, dataDir: run.dir });
    await expect.poll(() => run.fake.windows[0]?.focused).toBe(true);
    const window = run.fake.windows[0];
    if (window === undefined) throw new Error('no window');
    window.minimized = true;
    window.focused = false;
    run.fake.app.secondInstance(undefined);
    await expect.poll(() => window.focused).toBe(true);
    expect(window.minimized).toBe(false);
    expect(run.fake.windows).toHaveLength(1);
  });

  it('opens no window for a bridge making sure the core runs, and says when it asked for another folder', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    run.fake.app.secondInstance({ background: true, dataDir: run.dir });
    run.fake.app.secondInstance({ background: true, dataDir: '/elsewhere' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run.fake.windows).toHaveLength(0);
    expect(run.stderr.join('')).toMatch(/asked for data folder \/elsewhere; this app serves/);
  });
});

describe('closing and quitting', () => {
  it('keeps running in the tray when the window closes', async () => {
    const run = await shell((dir) => ['--data-dir', dir]);
    await expect.poll(() => run.fake.windows[0]?.visible).toBe(true);
    run.fake.windows[0]?.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run.fake.exitCode()).toBeUndefined();
    expect(existsSync(join(run.dir, 'airlock.sock'))).toBe(true);
    run.fake.trays[0]?.emit('click');
    await expect.poll(() => run.fake.openWindows().length).toBe(1);
  });

  it('ends the core cleanly on Quit from the tray, then exits 0', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    const tray = run.fake.trays[0];
    tray?.clickMenuItem('Quit Airlock');
    // A second quit while the core stops must not stop it twice.
    run.fake.app.quit();
    expect(await run.fake.exited).toBe(0);
    expect(existsSync(join(run.dir, 'airlock.sock'))).toBe(false);
    expect(tray?.destroyed).toBe(true);
  });

  it('ends the core cleanly on a stop signal (SIGTERM), as on Quit', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    run.signals.emit('SIGTERM');
    expect(await run.fake.exited).toBe(0);
    expect(existsSync(join(run.dir, 'airlock.sock'))).toBe(false);
    expect(run.fake.trays[0]?.destroyed).toBe(true);
  });

  it('starts at login the way a bridge does: in the background, same folder', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    expect(run.fake.loginItems.at(-1)).toEqual({
      openAtLogin: false,
      args: ['--background', '--data-dir', run.dir],
    });
  });
});
