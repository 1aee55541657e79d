/**
 * The desktop app's defences, driven through a fake of Electron with the real core: the window's
 * locked-down options, navigation / new windows / webviews / permissions refused for every web contents,
 * the renderer served only from app://console with its CSP, and IPC answered only for our window's top
 * frame on that origin (Electron security checklist items 2–6, 11–18).
 */
import { afterEach, describe, expect, it } from 'vitest';

import { desktopAppArgs } from '../../electron/bridge/autostart';
import { APP_ENTRY } from '../../electron/shell/window-options';
import { FakeFrame } from './fake-electron';
import { startShell, type ShellRun } from './shell-harness';

let run: ShellRun | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

/** A running shell with its console window open. */
async function withWindow(): Promise<ShellRun & { window: NonNullable<ShellRun['fake']['windows'][0]> }> {
  run = await startShell((dir) => ['--data-dir', dir]);
  const started = run;
  await expect.poll(() => started.fake.windows[0]?.visible).toBe(true);
  const window = started.fake.windows[0];
  if (window === undefined) throw new Error('no window');
  return Object.assign(started, { window });
}

describe('the console window', () => {
  it('isolates and sandboxes the page and keeps Node out of it', async () => {
    const { window } = await withWindow();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      devTools: false,
    });
    expect(window.options.webPreferences?.preload).toMatch(/dist\/electron-main\/preload\.cjs$/);
    expect(window.webContents.mainFrame.url).toBe(APP_ENTRY);
  });

  it('refuses navigation, new windows and webviews, in our window and any other web contents', async () => {
    const { window, fake } = await withWindow();
    const other = new fake.api.BrowserWindow({});
    for (const contents of [window.webContents, fake.windows[1]?.webContents]) {
      if (contents === undefined) throw new Error('missing web contents');
      expect(contents.navigate('https://attacker.example/')).toBe(true);
      expect(contents.openWindow('https://attacker.example/')).toBe('deny');
      expect(contents.attachWebview()).toBe(true);
    }
    expect(other.webContents.mainFrame.url).toBe('');
  });

  it('denies every permission request and check', async () => {
    const { window, fake } = await withWindow();
    expect(await fake.requestPermission(window.webContents, 'media')).toBe(false);
    expect(await fake.requestPermission(window.webContents, 'notifications')).toBe(false);
    expect(fake.checkPermission('geolocation')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  it('is registered as a secure standard scheme before the app is ready', async () => {
    run = await startShell((dir) => desktopAppArgs(dir));
    expect(run.fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the console with its CSP, and nothing outside the renderer or on another host', async () => {
    run = await startShell((dir) => desktopAppArgs(dir));
    const page = await run.fake.fetch(APP_ENTRY);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src/);
    expect(await page.text()).toMatch(/<html/i);
    expect((await run.fake.fetch('app://console/..%2f..%2fpackage.json')).status).toBe(404);
    expect((await run.fake.fetch('app://elsewhere/index.html')).status).toBe(404);
  });
});

describe('IPC', () => {
  it('answers our window top frame on app://console', async () => {
    const { window, fake } = await withWindow();
    expect(fake.ipcChannels()).toContain('queue:list');
    const answer = await fake.invoke('queue:list', window.webContents, window.webContents.mainFrame, {});
    expect(answer).toEqual({ ok: true, value: { items: [] } });
  });

  it('refuses a sub-frame, another origin, and a web contents that is not ours', async () => {
    const { window, fake } = await withWindow();
    const refused = { ok: false, error: 'Refused: IPC from an untrusted frame.' };
    const subFrame = new FakeFrame(APP_ENTRY);
    expect(await fake.invoke('queue:list', window.webContents, subFrame, {})).toEqual(refused);
    expect(await fake.invoke('queue:list', window.webContents, null, {})).toEqual(refused);
    new fake.api.BrowserWindow({});
    const stranger = fake.windows[1]?.webContents;
    if (stranger === undefined) throw new Error('no second window');
    stranger.mainFrame.url = APP_ENTRY;
    expect(await fake.invoke('queue:list', stranger, stranger.mainFrame, {})).toEqual(refused);
    window.webContents.mainFrame.url = 'https://attacker.example/';
    expect(await fake.invoke('queue:list', window.webContents, window.webContents.mainFrame, {})).toEqual(
      refused,
    );
  });

  it('stops trusting a window once it is closed', async () => {
    const { window, fake } = await withWindow();
    const contents = window.webContents;
    window.close();
    expect(await fake.invoke('queue:list', contents, contents.mainFrame, {})).toMatchObject({ ok: false });
  });
});
