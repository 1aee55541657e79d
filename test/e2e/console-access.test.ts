/**
 * Console access that survives, in Chromium against a real `airlock serve`: `airlock console-url` signs a
 * browser in (and how long that takes), spent and expired links get explanatory pages, logout ends the
 * session server-side, the page reconnects by itself after the core restarts (or shows a signed-out state
 * when its login did not survive), a login expires on time, and held calls raise Web Notifications, count
 * in the tab title, and a click on one shows its item. Also the favicon and the app icon.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { airlockConsoleServices } from '../../electron/console/adapters/airlock-services';
import { createConsoleHandlers } from '../../electron/console/create-console-handlers';
import { startWebConsole } from '../../electron/web/start-web-console';
import {
  everythingServer,
  makeDataDir,
  repoRoot,
  startAirlockCore,
  type AirlockCoreHandle,
} from '../support/airlock-harness';
import { startTestAirlock } from '../support/in-process-airlock';
import { waitFor } from '../support/wait';
import { launchChromium, type TestBrowser } from './support/browser';
import { connectClient } from './support/mcp-client';

/** Records every notification the page raises and every permission request (with its user gesture). */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  window.__notes = [];
  window.__permissionRequests = [];
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notes.push({ title, body: options && options.body, tag: options && options.tag, note: this });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Recorded.requestPermission = (...args) => {
    window.__permissionRequests.push(navigator.userActivation.isActive);
    return Real.requestPermission(...args);
  };
  window.Notification = Recorded;
})();`;

interface RecordedNote {
  readonly title: string;
  readonly body: string;
  readonly tag: string;
}

function notes(page: Page): Promise<RecordedNote[]> {
  return page.evaluate(() =>
    (window as unknown as { __notes: RecordedNote[] }).__notes.map(({ title, body, tag }) => ({
      title,
      body,
      tag,
    })),
  );
}

const EMPTY_QUEUE = /No calls waiting — agents connected: \d+/;
const RECONNECTING = 'Connection to Airlock lost — reconnecting…';

describe('console access', { timeout: 120_000 }, () => {
  const dataDir = makeDataDir();
  let core: AirlockCoreHandle;
  let browser: TestBrowser;
  let origin: string;
  const loginTimes: number[] = [];

  /** A fresh link from the CLI, as an operator gets it. */
  async function consoleUrl(): Promise<string> {
    const result = await core.cli(['console-url']);
    expect(result.code).toBe(0);
    return result.stdout.trim();
  }

  async function newPage(): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(await consoleUrl());
    await page.getByText(EMPTY_QUEUE).waitFor();
  }

  /** Stops the core (keeping its data), lets `between` change the data folder, starts it again. */
  async function restart(between: () => void = () => undefined): Promise<void> {
    await core.stop({ keepData: true });
    between();
    core = await startAirlockCore({ dataDir });
  }

  beforeAll(async () => {
    core = await startAirlockCore({ dataDir });
    origin = new URL(core.consoleUrl ?? '').origin;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await (browser as TestBrowser | undefined)?.close();
    await (core as AirlockCoreHandle | undefined)?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (loginTimes.length > 0) {
      const sorted = [...loginTimes].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      process.stdout.write(
        `airlock console-url → logged-in console visible (ms): ${sorted.map((t) => t.toFixed(0)).join(', ')}; median ${median.toFixed(0)}\n`,
      );
    }
  });

  it('signs a browser in with airlock console-url (timed), and a spent link says so', async () => {
    const page = await newPage();
    for (let run = 0; run < 5; run += 1) {
      await browser.context.clearCookies();
      const started = performance.now();
      await signIn(page);
      loginTimes.push(performance.now() - started);
    }
    const url = await consoleUrl();
    await page.goto(url);
    await page.getByText(EMPTY_QUEUE).waitFor();
    await page.goto(url);
    await page.getByRole('heading', { name: 'This login link was already used' }).waitFor();
    await page.getByText('airlock console-url', { exact: false }).first().waitFor();
    await page.close();
  });

  it('serves the favicon (build/icon.svg) before login; electron-builder has the app icon', async () => {
    const reply = await fetch(`${origin}/favicon.svg`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/svg+xml');
    expect(await reply.text()).toBe(readFileSync(join(repoRoot, 'build', 'icon.svg'), 'utf8'));
    const page = await newPage();
    await signIn(page);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(new URL(href ?? '', page.url()).pathname).toBe('/favicon.svg');
    await page.close();
    const builder = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
    expect(builder.match(/^\s+icon: build\/icon\.png$/gm)).toHaveLength(3); // mac, linux, win
    const png = readFileSync(join(repoRoot, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('logs out: the session ends server-side and the page says how to sign in again', async () => {
    const page = await newPage();
    await browser.context.clearCookies();
    await signIn(page);
    const cookie = (await browser.context.cookies(origin)).find((c) => c.name === 'airlock_console');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const header = `airlock_console=${cookie?.value ?? ''}`;
    expect((await fetch(`${origin}/api/session`, { headers: { cookie: header } })).status).toBe(204);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Signed out' }).waitFor();
    await page.getByText('airlock console-url', { exact: false }).first().waitFor();
    // The old cookie no longer works anywhere, even presented by hand.
    expect((await fetch(`${origin}/api/session`, { headers: { cookie: header } })).status).toBe(401);
    await page.reload();
    await page.getByRole('heading', { name: 'Not signed in' }).waitFor();
    await page.close();
  });

  it('sets the login lifetime in Settings; the next login gets it', async () => {
    const page = await newPage();
    await browser.context.clearCookies();
    await signIn(page);
    await page.getByRole('button', { name: /Settings/ }).click();
    const hours = page.getByLabel('Console login lifetime in hours');
    expect(await hours.inputValue()).toBe('12');
    for (const [value, maxAge] of [
      ['1', 3600],
      ['12', 43_200],
    ] as const) {
      await hours.fill(value);
      await hours.blur();
      await page.locator(`input[aria-label="Console login lifetime in hours"][value="${value}"]`).waitFor();
      const login = await fetch(await consoleUrl(), { redirect: 'manual' });
      expect(login.headers.get('set-cookie')).toContain(`Max-Age=${maxAge}`);
    }
    await page.close();
  });

  it('reconnects by itself after the core restarts, on the remembered port', async () => {
    const page = await newPage();
    await browser.context.clearCookies();
    await signIn(page);
    await core.stop({ keepData: true });
    await page.getByText(RECONNECTING).waitFor();
    core = await startAirlockCore({ dataDir });
    expect(new URL(core.consoleUrl ?? '').origin).toBe(origin);
    await page.getByText(RECONNECTING).waitFor({ state: 'detached' });
    // Live again: the new core's state arrives (an agent connecting shows up).
    const agent = await connectClient(core.bridgeParams('everything', process.execPath, [everythingServer]));
    try {
      await page.getByText('No calls waiting — agents connected: 1').waitFor();
    } finally {
      await agent.close();
    }
    await page.close();
  });

  it('shows a signed-out state when the login did not survive the restart', async () => {
    const page = await newPage();
    await browser.context.clearCookies();
    await signIn(page);
    await restart(() => rmSync(join(dataDir, 'console-sessions.json'), { force: true }));
    const signedOut = page.getByRole('alert').filter({ hasText: 'Signed out' });
    await signedOut.waitFor();
    expect(await signedOut.textContent()).toContain('Run airlock console-url for a new login link');
    await page.close();
  });

  it('ends a login when its lifetime (setting consoleSessionSeconds) runs out', async () => {
    await restart(() => {
      const file = join(dataDir, 'config.json');
      const config = JSON.parse(readFileSync(file, 'utf8')) as { settings?: Record<string, unknown> };
      config.settings = { ...config.settings, consoleSessionSeconds: 4 };
      writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
    });
    const page = await newPage();
    await browser.context.clearCookies();
    const started = Date.now();
    await signIn(page);
    await page.getByRole('heading', { name: 'Signed out' }).waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_900);
    await page.reload();
    await page.getByRole('heading', { name: 'Not signed in' }).waitFor();
    await page.close();
    await restart(() => {
      const file = join(dataDir, 'config.json');
      const config = JSON.parse(readFileSync(file, 'utf8')) as { settings?: Record<string, unknown> };
      config.settings = { ...config.settings, consoleSessionSeconds: 43_200 };
      writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
    });
  });

  it('asks for notification permission once, on a click, never on load', async () => {
    await browser.context.clearPermissions();
    const page = await newPage();
    await page.addInitScript(RECORD_NOTIFICATIONS);
    await browser.context.clearCookies();
    await signIn(page);
    const enable = page.getByRole('button', { name: 'Enable notifications' });
    await enable.waitFor();
    expect(
      await page.evaluate(
        () => (window as unknown as { __permissionRequests: boolean[] }).__permissionRequests,
      ),
    ).toEqual([]);
    await enable.click();
    await waitFor(
      async () =>
        (await page.evaluate(
          () => (window as unknown as { __permissionRequests: boolean[] }).__permissionRequests.length,
        )) > 0,
      5_000,
      'the permission request',
    );
    expect(
      await page.evaluate(
        () => (window as unknown as { __permissionRequests: boolean[] }).__permissionRequests,
      ),
    ).toEqual([true]);
    await page.close();
  });

  it('notifies each held call, counts them in the tab title, and a click shows the item', async () => {
    await browser.context.grantPermissions(['notifications'], { origin });
    const page = await newPage();
    await page.addInitScript(RECORD_NOTIFICATIONS);
    await browser.context.clearCookies();
    await signIn(page);
    // Granted already: nothing to ask.
    expect(await page.getByRole('button', { name: 'Enable notifications' }).count()).toBe(0);
    expect(await page.title()).toBe('Airlock');
    const agent: Client = await connectClient(
      core.bridgeParams('everything', process.execPath, [everythingServer]),
    );
    const held: Promise<unknown>[] = [];
    try {
      await agent.listTools();
      for (const message of ['first held call', 'second held call']) {
        held.push(
          agent
            .callTool({ name: 'echo', arguments: { message } }, undefined, { timeout: 60_000 })
            .catch(() => undefined),
        );
        await page
          .locator('.queue-row')
          .nth(held.length - 1)
          .waitFor();
      }
      await waitFor(async () => (await page.title()) === '(2) Airlock', 5_000, 'the tab title count');
      await waitFor(async () => (await notes(page)).length === 2, 5_000, 'two notifications');
      const [first, second] = await notes(page);
      expect(first?.title).toMatch(/^echo on /);
      expect(second?.tag).not.toBe(first?.tag);
      // The queue keeps the first call selected; clicking the second's notification shows the second.
      await page.locator(`.queue-row[data-id="${first?.tag ?? ''}"][aria-selected="true"]`).waitFor();
      await page.evaluate((tag) => {
        const entry = (window as unknown as { __notes: { tag: string; note: Notification }[] }).__notes.find(
          (n) => n.tag === tag,
        );
        entry?.note.dispatchEvent(new Event('click'));
      }, second?.tag ?? '');
      await page.locator(`.queue-row[data-id="${second?.tag ?? ''}"][aria-selected="true"]`).waitFor();
    } finally {
      await agent.close();
      await Promise.all(held);
    }
    // The agent gone, its calls leave the queue and the count leaves the title.
    await waitFor(async () => (await page.title()) === 'Airlock', 10_000, 'the plain tab title');
    await page.close();
  });
});

describe('an expired login link', () => {
  it('gets a page saying it expired, not a blank one', async () => {
    const airlock = await startTestAirlock();
    const backend = createConsoleHandlers(airlockConsoleServices(airlock.airlock));
    const web = await startWebConsole({
      ...backend,
      rendererDir: join(repoRoot, 'dist', 'renderer'),
      linkLifetimeMs: 200,
    });
    const browser = await launchChromium();
    try {
      const url = web.createLoginUrl();
      const minted = Date.now();
      await waitFor(() => Date.now() - minted > 300, 2_000, 'the link to expire');
      const page = await browser.context.newPage();
      const reply = await page.goto(url);
      expect(reply?.status()).toBe(403);
      await page.getByRole('heading', { name: 'This login link has expired' }).waitFor();
      await page.getByText('airlock console-url', { exact: false }).first().waitFor();
      // A fresh link still works.
      await page.goto(web.createLoginUrl());
      expect(new URL(page.url()).search).toBe('');
    } finally {
      await browser.close();
      await web.close();
      backend.dispose();
      await airlock.stop();
    }
  });
});
