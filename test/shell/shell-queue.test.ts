/**
 * What the desktop app does as calls are held, driven through a fake of Electron with the real core and
 * broker: notifications that open exactly their item, the tray's count, attention for an unfocused
 * window, and the window reopening where the operator left it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { desktopAppArgs } from '../../electron/bridge/autostart';
import { pendingLabel, TRAY_ICONS } from '../../electron/shell/tray';
import { holdRequest } from '../approvals/support';
import { startShell, type ShellRun, type ShellRunOptions } from './shell-harness';

const runs: ShellRun[] = [];
afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.stop()));
});

async function shell(args: (dir: string) => string[], options?: ShellRunOptions): Promise<ShellRun> {
  const run = await startShell(args, options);
  runs.push(run);
  return run;
}

/** Holds a call in the running core's broker, as a session would; returns its item id. */
function hold(run: ShellRun, callId: string): string {
  const held = run.running().airlock.broker.hold(holdRequest({ callId }));
  // Settled with a denial when the core shuts down at the end of the test.
  void held.settled;
  return held.item.id;
}

describe('notifications', () => {
  it('announce a held call; clicking one opens the window on exactly that item', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    hold(run, 'call-1');
    const second = hold(run, 'call-2');
    expect(run.fake.notifications).toHaveLength(2);
    expect(run.fake.notifications[0]?.options.title).toMatch(/run-command/);
    expect(run.fake.notifications[0]?.shown).toBe(true);
    // No action buttons off macOS: the click is the way in.
    expect(run.fake.notifications[0]?.options.actions).toEqual([]);
    expect(run.fake.windows).toHaveLength(0);

    run.fake.notifications[1]?.click();
    await expect.poll(() => run.fake.windows.length).toBe(1);
    const contents = run.fake.windows[0]?.webContents;
    await expect
      .poll(() => contents?.sent.filter((m) => m.channel === 'queue:focus').map((m) => m.data))
      .toEqual([{ id: second }]);
    expect(run.fake.windows[0]?.focused).toBe(true);
  });

  it('on macOS, Deny from the notification denies that item; Review opens it', async () => {
    const run = await shell((dir) => desktopAppArgs(dir), { platform: 'darwin' });
    const id = hold(run, 'call-1');
    const note = run.fake.notifications[0];
    expect(note?.options.actions?.map((a) => a.text)).toEqual(['Review…', 'Deny']);
    note?.action(1);
    expect(run.running().airlock.broker.get(id)?.state.kind).toBe('denied');
    expect(run.fake.windows).toHaveLength(0);
  });

  it('stay quiet when the operator turned them off', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    run.running().airlock.settings.update({ notifications: false });
    hold(run, 'call-1');
    expect(run.fake.notifications).toHaveLength(0);
  });
});

describe('tray', () => {
  it('labels the count in words and switches to the icon with the dot', () => {
    expect(pendingLabel(0)).toEqual({ tooltip: 'Airlock — no calls waiting', title: '', icon: 'idle' });
    expect(pendingLabel(1)).toEqual({ tooltip: 'Airlock — 1 call waiting', title: '1', icon: 'pending' });
    expect(pendingLabel(12).tooltip).toBe('Airlock — 12 calls waiting');
  });

  it('shows how many calls wait as they are held and decided', async () => {
    const run = await shell((dir) => desktopAppArgs(dir));
    const tray = run.fake.trays[0];
    expect(tray?.image).toBe(join(run.fake.app.getAppPath(), TRAY_ICONS.idle));
    const id = hold(run, 'call-1');
    hold(run, 'call-2');
    expect(tray?.tooltip).toBe('Airlock — 2 calls waiting');
    expect(tray?.image).toBe(join(run.fake.app.getAppPath(), TRAY_ICONS.pending));
    expect(run.fake.badgeCounts.at(-1)).toBe(2);
    const item = run.running().airlock.broker.get(id);
    run.running().airlock.broker.decide({
      id,
      digest: item?.digest,
      decision: { kind: 'deny', reason: 'no' },
      by: 'test',
    });
    expect(tray?.tooltip).toBe('Airlock — 1 call waiting');
    expect(run.fake.badgeCounts.at(-1)).toBe(1);
    // macOS alone shows a title next to the icon.
    expect(tray?.title).toBe('');
  });

  it('puts the count next to the icon on macOS', async () => {
    const run = await shell((dir) => desktopAppArgs(dir), { platform: 'darwin' });
    hold(run, 'call-1');
    expect(run.fake.trays[0]?.title).toBe('1');
  });

  it('ships icons that load (the tray is the way back to a closed window)', () => {
    for (const path of Object.values(TRAY_ICONS)) {
      const png = readFileSync(join(import.meta.dirname, '..', '..', path));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(16);
      const hidpi = readFileSync(join(import.meta.dirname, '..', '..', path.replace('.png', '@2x.png')));
      expect(hidpi.readUInt32BE(16)).toBe(32);
    }
  });

  it('refuses to start without its icon rather than run invisibly', async () => {
    await expect(startShell((dir) => desktopAppArgs(dir), { appRoot: '/nonexistent' })).rejects.toThrow(
      /tray icon .* is missing/,
    );
  });
});

describe('the window', () => {
  it('flashes for a new held call while the operator is elsewhere', async () => {
    const run = await shell((dir) => ['--data-dir', dir]);
    await expect.poll(() => run.fake.windows[0]?.visible).toBe(true);
    const window = run.fake.windows[0];
    if (window === undefined) throw new Error('no window');
    window.focused = false;
    hold(run, 'call-1');
    expect(window.flashing).toBe(true);
  });

  it('reopens where the operator left it, kept in window-state.json by electron-store', async () => {
    const run = await shell((dir) => ['--data-dir', dir]);
    await expect.poll(() => run.fake.windows[0]?.visible).toBe(true);
    run.fake.windows[0]?.setBounds({ x: 40, y: 30, width: 1000, height: 700 });
    run.fake.windows[0]?.close();
    const saved = JSON.parse(readFileSync(join(run.dir, 'window-state.json'), 'utf8')) as unknown;
    expect(saved).toEqual({
      window: { bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: false },
    });
    run.fake.trays[0]?.clickMenuItem('Open Airlock');
    await expect.poll(() => run.fake.windows[1]?.visible).toBe(true);
    expect(run.fake.windows[1]?.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 });
  });
});
