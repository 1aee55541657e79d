/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser) with a fresh,
 * throw-away profile folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** A launched browser context and its teardown (closes it and removes the profile). */
export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless Chromium. */
export async function launchChromium(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'airlock-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new page as the e2e tests use it, opened at `url`: Playwright's time-outs at 15 s (so a missing element
 * fails with Playwright's own message before vitest's time-out cuts in) and reduced motion. `before` runs
 * on the page before it loads (listeners that must see the first request).
 */
export async function openPage(
  browser: TestBrowser,
  url: string,
  before?: (page: Page) => void,
): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  before?.(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(url);
  return page;
}
