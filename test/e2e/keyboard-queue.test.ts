/**
 * The queue by keyboard alone, in Chromium, against a real `airlock serve` with server-everything behind
 * `airlock mcp`: Tab reaches the list, arrows move, Space marks, the shortcut list traps focus and stops
 * page keys behind it, `a` approves the call under review, a screen reader hears of a new held call, and
 * the policy tabs move with the arrow keys.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { everythingServer } from '../support/airlock-harness';
import { launchChromium, openPage, type TestBrowser } from './support/browser';
import { startConsoleCore, type ConsoleCore } from './support/console-core';
import { connectClient, resultText } from './support/mcp-client';

describe('the queue by keyboard', { timeout: 60_000 }, () => {
  let core: ConsoleCore;
  let browser: TestBrowser;
  let page: Page;
  let agent: Client;

  beforeAll(async () => {
    core = await startConsoleCore();
    browser = await launchChromium();
    page = await openPage(browser, core.consoleUrl);
    await page.getByText(/No calls waiting/).waitFor();
    agent = await connectClient(core.bridgeParams('everything', process.execPath, [everythingServer]));
    await agent.listTools();
  }, 60_000);

  afterAll(async () => {
    await (agent as Client | undefined)?.close();
    await (browser as TestBrowser | undefined)?.close();
    await (core as ConsoleCore | undefined)?.stop();
  });

  it('reviews, marks and approves without a mouse', async () => {
    const first = agent.callTool({ name: 'echo', arguments: { message: 'kb-first' } }, undefined, {
      timeout: 60_000,
    });
    first.catch(() => undefined);
    await page.getByRole('option').first().waitFor();
    const second = agent.callTool({ name: 'echo', arguments: { message: 'kb-second' } }, undefined, {
      timeout: 60_000,
    });
    await page.getByRole('option').nth(1).waitFor();
    await page
      .getByTestId('queue-announcer')
      .getByText(/^New held call: echo on everything/)
      .waitFor();

    const list = page.getByRole('listbox', { name: 'Held calls' });
    for (let i = 0; i < 40 && !(await list.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);
    const activeText = async () => (await page.getByRole('region', { name: 'Detail' }).textContent()) ?? '';
    await page.keyboard.press('Home');
    expect(await activeText()).toContain('kb-second');
    await page.keyboard.press('ArrowDown');
    expect(await activeText()).toContain('kb-first');
    await page.keyboard.press(' ');
    expect(await page.getByRole('option', { checked: true }).count()).toBe(1);
    await page.keyboard.press(' ');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(
      await help.getByRole('button', { name: 'Close' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Tab');
    expect(
      await help.getByRole('button', { name: 'Close' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('a');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('option').count()).toBe(2);

    // Approve arms after a short delay: wait for the button, then decide by key.
    await page.getByRole('button', { name: 'Approve', exact: true }).and(page.locator(':enabled')).waitFor();
    await page.keyboard.press('a');
    expect(resultText(await first)).toContain('kb-first');
    await page.getByRole('option').nth(1).waitFor({ state: 'detached' });
    await page.keyboard.press('Home');
    await page.getByRole('button', { name: 'Approve', exact: true }).and(page.locator(':enabled')).waitFor();
    await page.keyboard.press('a');
    expect(resultText(await second)).toContain('kb-second');
  });
  it('moves between the policy tabs with the arrow keys', async () => {
    const rail = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Policies/ });
    const focused = async (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => el === document.activeElement);
    for (let i = 0; i < 40 && !(await focused(rail)); i++) await page.keyboard.press('Tab');
    expect(await focused(rail)).toBe(true);
    await page.keyboard.press('Enter');
    const edit = page.getByRole('tab', { name: 'Edit' });
    await edit.waitFor();
    // One tab stop for the whole list: Tab from the rail lands on the selected tab, not on each tab.
    for (let i = 0; i < 40 && !(await focused(edit)); i++) await page.keyboard.press('Tab');
    expect(await focused(edit)).toBe(true);
    await page.keyboard.press('ArrowRight');
    const test = page.getByRole('tab', { name: 'Test a call' });
    expect(await test.getAttribute('aria-selected')).toBe('true');
    expect(await focused(test)).toBe(true);
    await page.getByRole('tabpanel', { name: 'Test a call' }).waitFor();
    await page.keyboard.press('End');
    await page.getByRole('tabpanel', { name: 'Import / export' }).waitFor();
    await page.keyboard.press('Home');
    await page.getByRole('tabpanel', { name: 'Edit' }).waitFor();
    await page.keyboard.press('Tab');
    expect(
      await page.getByRole('tab', { name: 'Versions' }).evaluate((el) => el === document.activeElement),
    ).toBe(false);
  });
});
