/**
 * The policy editor end to end, in Chromium, against a real `airlock serve`: rules with a command
 * condition, an argument condition and a description are added in the form; the draft survives the
 * "Test a call" tab and leaving the screen; the simulator decides the draft beside the saved policy; the
 * save is reviewed (version and diff) and confirmed; the JSON tab (CodeMirror) shows a schema error at
 * line:column with a "did you mean" hint; a call through the real bridge is then decided by the saved
 * rule. No Content-Security-Policy violation happens on the way (CodeMirror's styles included).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { everythingServer } from '../support/airlock-harness';
import { launchChromium, openPage, type TestBrowser } from './support/browser';
import { startConsoleCore, type ConsoleCore } from './support/console-core';
import { connectClient, resultText } from './support/mcp-client';
import { screenshotBothThemes } from './support/screenshots';

describe('policy editor end to end', { timeout: 90_000 }, () => {
  let core: ConsoleCore;
  let browser: TestBrowser;
  let page: Page;
  let agent: Client;
  const cspErrors: string[] = [];
  let firstNew = -1;

  const rule = (index: number): Locator => page.locator('fieldset.rule-editor').nth(index);
  const activeVersion = async (): Promise<number> =>
    Number(/active version v(\d+)/.exec(await page.locator('main header').innerText())?.[1]);

  beforeAll(async () => {
    core = await startConsoleCore();
    browser = await launchChromium();
    page = await openPage(browser, core.consoleUrl, (opened) =>
      // Chromium reports every CSP refusal on the console.
      opened.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
      }),
    );
    agent = await connectClient(core.bridgeParams('everything', process.execPath, [everythingServer]));
    await agent.listTools();
    await page.getByText('No calls waiting — agents connected: 1').waitFor();
  }, 60_000);

  afterAll(async () => {
    await (agent as Client | undefined)?.close();
    await (browser as TestBrowser | undefined)?.close();
    await (core as ConsoleCore | undefined)?.stop();
  });

  it('adds rules with conditions and a description in the form', async () => {
    await page.getByRole('button', { name: 'Policies' }).click();
    await page.getByRole('tab', { name: 'Form' }).waitFor();
    firstNew = await page.locator('fieldset.rule-editor').count();

    await page.getByRole('button', { name: 'Add rule' }).click();
    const rm = rule(firstNew);
    await rm.getByLabel('Id', { exact: true }).fill('deny-rm');
    await rm.getByLabel('Description').fill('Never delete files on a host');
    await rm.getByLabel('Action').selectOption('deny');
    await rm.getByLabel('Tools (globs, comma-separated)').fill('run-command');
    await rm.getByLabel('Reason').fill('Deleting files is not allowed');
    await rm.getByRole('button', { name: `Add command condition of rule ${firstNew + 1}` }).click();
    const command = rm.getByRole('group', { name: `condition 1 of rule ${firstNew + 1}` });
    await command.getByLabel('Applies when').selectOption('some');
    await command.getByLabel('Program (globs)').fill('rm, shred');

    await page.getByRole('button', { name: 'Add rule' }).click();
    const echo = rule(firstNew + 1);
    await echo.getByLabel('Id', { exact: true }).fill('deny-echo-secret');
    await echo.getByLabel('Action').selectOption('deny');
    await echo.getByLabel('Tools (globs, comma-separated)').fill('echo');
    await echo.getByLabel('Reason').fill('No secrets in echo');
    await echo.getByRole('button', { name: `Add argument condition of rule ${firstNew + 2}` }).click();
    const argument = echo.getByRole('group', { name: `condition 1 of rule ${firstNew + 2}` });
    // A bad field first: the core's message shows under the condition.
    await argument.getByLabel('Field').fill('message');
    await argument.getByText(/Field must be args/).waitFor();
    await argument.getByLabel('Field').fill('args.message');
    await argument.getByLabel('Operator').selectOption('contains');
    await argument.getByLabel('Value').fill('secret');
    await page.getByText('✓ valid').waitFor();
    await page.getByText('● Unsaved changes').first().waitFor();
    await rm.scrollIntoViewIfNeeded();
    await screenshotBothThemes(page, 'policy-editor-conditions');
  });

  it('keeps the draft across tabs and screens, and asks before leaving', async () => {
    await page.getByRole('tab', { name: 'Test a call' }).click();
    await page.getByRole('tab', { name: 'Edit' }).click();
    expect(await rule(firstNew).getByLabel('Id', { exact: true }).inputValue()).toBe('deny-rm');
    expect(await rule(firstNew).getByLabel('Program (globs)').inputValue()).toBe('rm, shred');

    await page.getByRole('button', { name: 'Queue' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Unsaved policy changes' });
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Policies' }).waitFor();
    await page.getByRole('button', { name: 'Queue' }).click();
    await dialog.getByRole('button', { name: 'Leave, keep the draft' }).click();
    await page.getByText(/No calls waiting/).waitFor();
    await page.getByRole('button', { name: 'Policies' }).click();
    expect(
      await rule(firstNew + 1)
        .getByLabel('Value')
        .inputValue(),
    ).toBe('secret');
  });

  it('tests a call against the draft beside the saved policy', async () => {
    await page.getByRole('tab', { name: 'Test a call' }).click();
    await page.getByText(/your unsaved draft side by side/).waitFor();
    await page.getByLabel('Server').fill('ops');
    await page.getByLabel('Tool').fill('run-command');
    await page.getByLabel('Arguments (JSON)').fill('{ "command": "rm -rf /srv/app" }');
    await page.getByRole('button', { name: 'Test call' }).click();
    const draft = page.getByLabel('Draft decision');
    await draft.getByText('deny-rm').waitFor();
    expect(await draft.innerText()).toContain('Deleting files is not allowed');
    expect(await page.getByLabel('Saved policy decision').innerText()).not.toContain('deny-rm');
    await page.getByText('≠ The draft decides differently').waitFor();
  });

  it('reviews the save with the next version and the diff, then confirms it', async () => {
    await page.getByRole('tab', { name: 'Edit' }).click();
    const before = await activeVersion();
    await page.getByRole('button', { name: 'Save policy…' }).click();
    const review = page.getByRole('region', { name: 'Review changes before saving' });
    await review.getByRole('heading', { name: `Save as version ${before + 1}?` }).waitFor();
    await review
      .getByText(/deny-rm/)
      .first()
      .waitFor();
    await review.getByLabel('Note for this version').fill('No rm, no secrets');
    await review.getByRole('button', { name: `Save as version ${before + 1}` }).click();
    await page.getByText(`✓ Saved as version ${before + 1}; it applies to the next call.`).waitFor();
    await page
      .getByRole('region', { name: `Diff from v${before} to v${before + 1}` })
      .getByText(/deny-echo-secret/)
      .first()
      .waitFor();
    await page.getByText(`active version v${before + 1}`).waitFor();
    await page.getByText('No unsaved changes').waitFor();
  });

  it('shows a schema error at line:column with a "did you mean" hint in the JSON tab', async () => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByLabel('Policy JSON');
    await editor.waitFor();
    const text = JSON.stringify(
      { version: 'airlock/1', rules: [{ id: 'typo', tools: 'echo', action: 'allow' }] },
      null,
      2,
    );
    await editor.fill(text);
    const hint = page.getByText('Unknown key "tools" — did you mean "tool"?', { exact: false }).last();
    await hint.waitFor();
    // The key is on line 6 at column 7 of the text as written.
    expect(text.split('\n')[5]?.indexOf('"tools"')).toBe(6);
    await page.getByLabel('line 6, column 7').waitFor();
    await page.locator('.cm-lintRange-error').first().waitFor();
    // CodeMirror's own styles apply under the strict CSP (constructed sheets in the editor's shadow root).
    expect(await page.locator('.cm-editor').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    await screenshotBothThemes(page, 'policy-editor-json-error');
    expect(await page.locator('.cm-lineNumbers').count()).toBeGreaterThan(0);
    expect(await page.locator('.cm-foldGutter').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Save policy…' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByText('No unsaved changes').waitFor();
  });

  it('decides a call through the real bridge with the saved rule', async () => {
    const denied = (await agent.callTool({ name: 'echo', arguments: { message: 'the secret' } })) as {
      isError?: boolean;
    };
    expect(denied.isError).toBe(true);
    expect(resultText(denied)).toContain('No secrets in echo');
    expect(cspErrors).toEqual([]);
  });
});
