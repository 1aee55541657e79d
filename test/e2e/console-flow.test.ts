/**
 * End to end, in Chromium, against a real `airlock serve`: an SDK agent calls server-everything through
 * `airlock mcp`; the held call appears in the console; the operator approves, denies with a reason, edits
 * then approves; a policy saved in the editor decides the next call; history shows all of it.
 * Also measures how long a held call takes to appear, and saves the README screenshots.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { everythingServer } from '../support/airlock-harness';
import { launchChromium, openPage, type TestBrowser } from './support/browser';
import { startConsoleCore, type ConsoleCore } from './support/console-core';
import { connectClient, resultText } from './support/mcp-client';
import { screenshotBothThemes } from './support/screenshots';

describe('console end to end', { timeout: 60_000 }, () => {
  let core: ConsoleCore;
  let browser: TestBrowser;
  let page: Page;
  let agent: Client;
  const latencies: number[] = [];

  /** Calls echo and waits until the held call is on screen; gives back the still-pending result. */
  async function holdEcho(message: string): Promise<{ result: Promise<unknown> }> {
    const started = performance.now();
    const result = agent.callTool({ name: 'echo', arguments: { message } }, undefined, { timeout: 60_000 });
    await page.locator('.queue-row').first().waitFor();
    await page.getByText(`"message": "${message}"`, { exact: false }).first().waitFor({ state: 'attached' });
    latencies.push(performance.now() - started);
    // Wrapped: an async function returning a promise would wait for it (the call waits for the operator).
    return { result };
  }

  beforeAll(async () => {
    core = await startConsoleCore();
    browser = await launchChromium();
    page = await openPage(browser, core.consoleUrl);
    await page.getByText('No calls waiting — agents connected: 0').waitFor();
    await screenshotBothThemes(page, 'queue-empty');
    agent = await connectClient(core.bridgeParams('everything', process.execPath, [everythingServer]));
    // As real clients do: the listing gives the proxy each tool's input schema (needed to check edits).
    await agent.listTools();
    await page.getByText('No calls waiting — agents connected: 1').waitFor();
  }, 60_000);

  afterAll(async () => {
    // Each may be missing when beforeAll failed part-way.
    await (agent as Client | undefined)?.close();
    await (browser as TestBrowser | undefined)?.close();
    await (core as ConsoleCore | undefined)?.stop();
    if (latencies.length > 0) {
      const sorted = [...latencies].sort((a, b) => a - b);
      process.stdout.write(
        `held call → visible in console (ms): ${sorted.map((l) => l.toFixed(0)).join(', ')}\n`,
      );
    }
  });

  it('approves a held call and the output returns to the agent', async () => {
    const { result: pending } = await holdEcho('hello from the agent');
    await page.getByText('Raw arguments', { exact: true }).click();
    await screenshotBothThemes(page, 'queue-held');
    // Playwright waits for the button to be enabled: that is the arming delay passing.
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    expect(resultText(await pending)).toContain('hello from the agent');
    await page.getByText('No calls waiting — agents connected: 1').waitFor();
  });

  it('denies with a reason the agent reads', async () => {
    const { result: pending } = await holdEcho('please deny');
    await page.keyboard.press('d');
    await page.keyboard.type('not during business hours');
    await page.getByRole('button', { name: 'Deny' }).click();
    const result = (await pending) as { isError?: boolean };
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain('not during business hours');
  });

  it('edits the arguments, then approves exactly the edit', async () => {
    const { result: pending } = await holdEcho('original text');
    await page.getByRole('button', { name: 'Edit and approve' }).click();
    const editor = page.getByLabel(/Arguments \(JSON\)/);
    await editor.fill('{ "message": ');
    await page.getByText(/Not valid JSON/).waitFor();
    expect(await page.getByRole('button', { name: 'Approve edited call' }).isDisabled()).toBe(true);
    await editor.fill('{ "message": "edited by the operator" }');
    await page.getByRole('button', { name: 'Approve edited call' }).click();
    const text = resultText(await pending);
    expect(text).toContain('edited by the operator');
    expect(text).not.toContain('original text');
  });

  it('applies a policy saved in the editor to the next call', async () => {
    await page.getByRole('button', { name: 'Policies' }).click();
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByLabel('Policy JSON');
    await editor.fill('{ "version": "airlock/1", "rules": [ { "id": "bad id!" } ] }');
    await page
      .getByText(/Rule ids use letters/)
      .first()
      .waitFor();
    await screenshotBothThemes(page, 'policies-json-errors');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    // The form edits the same draft: the new rule joins the saved policy's rules.
    await page.getByRole('tab', { name: 'Form' }).click();
    const rules = page.locator('fieldset.rule-editor');
    const count = await rules.count();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const added = rules.nth(count);
    await added.getByLabel('Id', { exact: true }).fill('allow-echo');
    await added.getByLabel('Action').selectOption('allow');
    await added.getByLabel('Tools (globs, comma-separated)').fill('echo');
    await added.getByLabel('Reason').fill('echo is harmless');
    await page.getByText('✓ valid').waitFor();
    const before = Number(/active version v(\d+)/.exec(await page.locator('main').innerText())?.[1]);
    await page.getByRole('button', { name: 'Save policy…' }).click();
    await page.getByRole('button', { name: `Save as version ${before + 1}` }).click();
    await page.getByText(`active version v${before + 1}`).waitFor();
    await page.getByRole('tab', { name: 'Form' }).click();
    await screenshotBothThemes(page, 'policies-form');
    await page.getByRole('tab', { name: 'Test a call' }).click();
    await page.getByLabel('Tool').fill('echo');
    await page.getByRole('button', { name: 'Test call' }).click();
    await page.getByText(/by rule allow-echo/).waitFor();
    await screenshotBothThemes(page, 'policies-test-a-call');

    const result = await agent.callTool({ name: 'echo', arguments: { message: 'allowed by policy' } });
    expect(resultText(result)).toContain('allowed by policy');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page
      .getByRole('button', { name: /^Diff v\d+ → v\d+$/ })
      .first()
      .click();
    await page
      .getByText(/allow-echo/)
      .first()
      .waitFor();
    await screenshotBothThemes(page, 'policies-versions');
  });

  it('shows all of it in history', async () => {
    await page.getByRole('button', { name: 'History' }).click();
    await page.locator('.scroll-list button.row').first().click();
    const timeline = page.getByRole('list', { name: 'Session timeline' });
    await timeline.waitFor();
    for (const word of ['approved', 'denied', 'edited-and-approved', 'allow']) {
      await timeline
        .locator('.badge', { hasText: new RegExp(`^\\W*${word}$`) })
        .first()
        .waitFor();
    }
    await timeline.locator('button.link').last().click();
    await page
      .getByTestId('call-output')
      .getByText(/allowed by policy/)
      .waitFor();
    await screenshotBothThemes(page, 'history');
    await page.getByRole('button', { name: 'Servers' }).click();
    await page.getByRole('heading', { name: 'Servers' }).waitFor();
    await screenshotBothThemes(page, 'servers');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Native notifications for held calls').waitFor();
    await screenshotBothThemes(page, 'settings');
  });
});
