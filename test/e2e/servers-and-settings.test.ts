/**
 * In Chromium, against a real `airlock serve`: the Servers form sets every profile option, asks before
 * replacing a profile of the same name and before removing one; Settings refuses an out-of-range expiry in
 * words without saving it, saves a good one, and says where the active policy sets its own expiry. What was
 * saved is read back through the real CLI (`airlock servers show`), not from the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { probeFixture, startAirlockCore, type AirlockCoreHandle } from '../support/airlock-harness';
import { launchChromium, openPage, type TestBrowser } from './support/browser';

const POLICY = {
  version: 'airlock/1',
  default: 'require_approval',
  approval: { expiresInMs: 120_000 },
  rules: [{ id: 'quick-echo', tool: 'echo', action: 'require_approval', expiresInMs: 5000 }],
};

describe('servers form and settings, in Chromium', { timeout: 60_000 }, () => {
  let core: AirlockCoreHandle;
  let browser: TestBrowser;
  let page: Page;

  async function saved(name: string): Promise<Record<string, unknown> | null> {
    const shown = await core.cli(['servers', 'show', name]);
    return shown.code === 0 ? (JSON.parse(shown.stdout) as Record<string, unknown>) : null;
  }

  async function fill(label: string, value: string): Promise<void> {
    await page.getByLabel(label, { exact: true }).fill(value);
  }

  async function newProfile(name: string, args: string): Promise<void> {
    await page.getByRole('button', { name: 'Add server' }).click();
    const form = page.getByRole('region', { name: 'New server profile' });
    await form.waitFor();
    await fill('Name', name);
    await fill('Command', process.execPath);
    await fill('Arguments (one per line)', args);
  }

  beforeAll(async () => {
    core = await startAirlockCore({ policy: POLICY });
    browser = await launchChromium();
    if (core.consoleUrl === undefined) throw new Error('airlock serve printed no console URL');
    page = await openPage(browser, core.consoleUrl);
    await page.locator('.rail-item', { hasText: 'Servers' }).click();
    await page.getByRole('heading', { name: 'Servers' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await (browser as TestBrowser | undefined)?.close();
    await (core as AirlockCoreHandle | undefined)?.stop();
  });

  it('saves every profile option from the form', async () => {
    await newProfile('alpha', probeFixture);
    await fill('Description', 'the lab box');
    await page.getByLabel('Upstream questions').selectOption('client');
    await fill('Answer early after (seconds)', '0.5');
    await fill('Environment (KEY=value per line)', 'PROBE_MODE=lab');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText(/Answer early: enter seconds between 1 and 600/).waitFor();
    expect(await saved('alpha')).toBeNull();

    await fill('Answer early after (seconds)', '20');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('✓ Saved "alpha".').waitFor();
    expect(await saved('alpha')).toMatchObject({
      name: 'alpha',
      description: 'the lab box',
      command: process.execPath,
      args: [probeFixture],
      env: { PROBE_MODE: 'lab' },
      elicitation: 'client',
      answerEarly: { enabled: true, afterMs: 20_000 },
    });
    // The list shows the description; editing shows what was saved.
    await page.locator('.scroll-list').getByText('the lab box').click();
    const edit = page.getByRole('region', { name: 'Server profile alpha' });
    await expect(edit.getByLabel('Answer early after (seconds)').inputValue()).resolves.toBe('20');
    await expect(edit.getByLabel('Upstream questions').inputValue()).resolves.toBe('client');
    await fill('Answer early after (seconds)', '');
    await edit.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('✓ Saved "alpha".').waitFor();
    const afterEdit = await saved('alpha');
    expect(afterEdit).not.toHaveProperty('answerEarly');
    // Environment values are write-only and an edit with the field empty keeps them.
    expect(afterEdit).toMatchObject({ env: { PROBE_MODE: 'lab' }, description: 'the lab box' });
  });

  it('asks before replacing a profile of the same name; Cancel keeps it', async () => {
    await newProfile('alpha', `${probeFixture}\n--second`);
    await page.getByRole('button', { name: 'Save profile' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Replace "alpha"' });
    await ask.getByText('already exists').waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await saved('alpha')).toMatchObject({ args: [probeFixture] });

    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('button', { name: 'Replace "alpha"' }).click();
    await page.getByText('✓ Replaced "alpha".').waitFor();
    const replaced = await saved('alpha');
    expect(replaced).toMatchObject({ args: [probeFixture, '--second'], env: {} });
    expect(replaced).not.toHaveProperty('description');
  });

  it('asks before removing a profile', async () => {
    await page.locator('.scroll-list').getByText('alpha', { exact: true }).click();
    const edit = page.getByRole('region', { name: 'Server profile alpha' });
    await edit.getByRole('button', { name: 'Remove…' }).click();
    await edit.getByRole('alertdialog').getByText('will fail to start').waitFor();
    await page.keyboard.press('Escape');
    await edit.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await saved('alpha')).not.toBeNull();
    await edit.getByRole('button', { name: 'Remove…' }).click();
    await edit.getByRole('button', { name: 'Remove "alpha"' }).click();
    await page.getByText('Select a server, or add one.').waitFor();
    expect(await saved('alpha')).toBeNull();
  });

  it('settings: refuses an out-of-range expiry in words, saves a good one, names the policy overrides', async () => {
    await page.locator('.rail-item', { hasText: 'Settings' }).click();
    const expiry = page.getByLabel('Held calls expire after');
    await expect(expiry.inputValue()).resolves.toBe('300');
    const overrides = page.getByTestId('expiry-overrides');
    await overrides.getByText(/sets approval\.expiresInMs to 120 s for all held calls/).waitFor();
    await overrides.getByText('quick-echo: 5 s').waitFor();

    await expiry.fill('5');
    await page
      .getByText('Held calls expire after: 5 is out of range; enter a value between 10 and 86400 seconds.')
      .waitFor();
    await expiry.blur();
    await page.getByLabel('Keep history for').focus();
    await page.reload();
    await page.locator('.rail-item', { hasText: 'Settings' }).click();
    await expect(page.getByLabel('Held calls expire after').inputValue()).resolves.toBe('300');

    await page.getByLabel('Held calls expire after').fill('600');
    await page.getByLabel('Keep history for').focus();
    await page.reload();
    await page.locator('.rail-item', { hasText: 'Settings' }).click();
    await expect(page.getByLabel('Held calls expire after').inputValue()).resolves.toBe('600');
  });
});
