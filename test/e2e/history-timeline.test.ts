/**
 * History an auditor can read, end to end in Chromium against a real `airlock serve`: an SDK agent runs
 * commands through `airlock mcp` on the real ssh-mcp (asking its own confirmation for destructive
 * commands) against the rig's real sshd. One call is allowed by a rule, one denied by a rule, one held
 * and approved in the console (ssh-mcp's confirmation then answered from that approval). The History
 * screen must show, per call, the command, host → user, the verdict, who decided, how long it waited and
 * ran, and the upstream prompt; the search must narrow the open session's timeline and mark the match;
 * the console's CSV download must carry command, host, user, risk, decider and rule.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CALL_CSV_HEADER } from '../../electron/history/csv';
import { parseCsv } from '../history/helpers';
import { prepareSshMcp, type SshMcpLaunch } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import { startAirlockCore, type AirlockCoreHandle } from '../support/airlock-harness';
import { launchChromium, openPage, type TestBrowser } from './support/browser';
import { resultText } from './support/mcp-client';
import { screenshotBothThemes } from './support/screenshots';

const POLICY = {
  version: 'airlock/1',
  default: 'deny',
  rules: [
    // Listing the profiles is how Airlock learns which host and user a profile stands for.
    { id: 'allow-listing', tool: 'list-connections', action: 'allow', reason: 'read-only' },
    {
      id: 'no-secrets',
      tool: 'run-command',
      action: 'deny',
      reason: 'secrets stay on the host',
      when: [{ op: 'regex', field: 'args.command', value: 'shadow' }],
    },
    {
      id: 'hold-removals',
      tool: 'run-command',
      action: 'require_approval',
      reason: 'removals wait for you',
      when: [{ op: 'regex', field: 'args.command', value: '^rm ' }],
    },
    {
      id: 'allow-echo',
      tool: 'run-command',
      action: 'allow',
      reason: 'echo is harmless',
      when: [{ op: 'regex', field: 'args.command', value: '^echo [a-z-]+$' }],
    },
  ],
};

describe('history timeline end to end', { timeout: 90_000 }, () => {
  const cleanups: (() => unknown)[] = [];
  let sshd: SshdHandle;
  let sshMcp: SshMcpLaunch;
  let core: AirlockCoreHandle;
  let browser: TestBrowser;
  let page: Page;
  let agent: Client;
  let work: string;
  /** Prompts that reached the client: there must be none (Airlock answers them from the approval). */
  const asked: unknown[] = [];
  const removed = () => join(work, 'remove-me');
  const commands = {
    allowed: 'echo hello-history',
    denied: 'cat /etc/shadow',
    held: () => `rm -rf ${removed()}`,
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'al-hist-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    sshd = await startSshd();
    cleanups.push(() => sshd.stop());
    sshMcp = await prepareSshMcp(sshd, { approvalMode: 'ask-destructive' });
    cleanups.push(() => sshMcp.cleanup());
    core = await startAirlockCore({ policy: POLICY });
    cleanups.push(() => core.stop());
    if (core.consoleUrl === undefined) throw new Error('airlock serve printed no console URL');
    browser = await launchChromium();
    cleanups.push(() => browser.close());
    page = await openPage(browser, core.consoleUrl);
    agent = new Client(
      { name: 'history-e2e-agent', version: '1.0.0' },
      { capabilities: { elicitation: {} } },
    );
    agent.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return { action: 'decline' };
    });
    await agent.connect(
      new StdioClientTransport(core.bridgeParams('ssh', sshMcp.command, sshMcp.args, sshMcp.env)),
    );
    cleanups.push(() => agent.close());
    await agent.listTools();
    await page.getByText('No calls waiting — agents connected: 1').waitFor();
  }, 90_000);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const run = (command: string) => agent.callTool({ name: 'run-command', arguments: { command } });

  it('records an allowed, a denied and a console-approved call on the real SSH host', async () => {
    expect(resultText(await agent.callTool({ name: 'list-connections', arguments: {} }))).toContain(
      `${sshd.user}@${sshd.host}`,
    );
    const allowed = await run(commands.allowed);
    expect(resultText(allowed)).toBe('hello-history\n');
    const denied = await run(commands.denied);
    expect(denied.isError).toBe(true);

    await mkdir(join(removed(), 'inner'), { recursive: true });
    const held = run(commands.held());
    held.catch(() => undefined);
    await page.locator('.queue-row').first().waitFor();
    await page.getByText(removed(), { exact: false }).first().waitFor({ state: 'attached' });
    // Playwright waits for the button to be enabled: that is the arming delay passing.
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const approved = await held;
    expect(approved.isError).toBeFalsy();
    expect(existsSync(removed())).toBe(false);
    expect(asked).toEqual([]);
  });

  it('shows each call with its command, host → user, verdict, decider, times and prompt', async () => {
    await page.getByRole('button', { name: 'History' }).click();
    await page.locator('.scroll-list button.row').first().click();
    const timeline = page.getByRole('list', { name: 'Session timeline' });
    const rowOf = (command: string) =>
      timeline
        .getByTestId('timeline-call')
        .filter({ has: page.getByTestId('row-command').getByText(command) });
    const target = `${sshd.host} → ${sshd.user}`;

    const allowed = rowOf(commands.allowed);
    await allowed.waitFor();
    expect(await allowed.getByTestId('row-target').innerText()).toBe(target);
    expect(await allowed.getByTestId('row-verdict').innerText()).toMatch(/allowed$/);
    expect(await allowed.getByTestId('row-decider').innerText()).toBe('by rule allow-echo');
    expect(await allowed.getByTestId('row-ran').innerText()).toMatch(/^ran \d+(\.\d)? m?s$/);
    expect(await allowed.getByTestId('row-waited').count()).toBe(0);

    const denied = rowOf(commands.denied);
    expect(await denied.getByTestId('row-target').innerText()).toBe(target);
    expect(await denied.getByTestId('row-verdict').innerText()).toMatch(/denied$/);
    expect(await denied.getByTestId('row-decider').innerText()).toBe('by rule no-secrets');
    expect(await denied.getByTestId('row-ran').count()).toBe(0);

    const held = rowOf(commands.held());
    expect(await held.getByTestId('row-target').innerText()).toBe(target);
    expect(await held.getByTestId('row-verdict').innerText()).toMatch(/approved$/);
    expect(await held.getByTestId('row-decider').innerText()).toMatch(/^by operator \S+/);
    expect(await held.getByTestId('row-waited').innerText()).toMatch(/^waited \d+(\.\d)? m?s$/);
    expect(await held.getByTestId('row-ran').innerText()).toMatch(/^ran /);
    const prompt = held.getByTestId('call-prompt');
    expect(await prompt.innerText()).toContain("answered from this call's approval");
    expect(await prompt.innerText()).toContain('accept');
    expect(await prompt.innerText()).toContain(removed());

    // The detail lists the prompt in order with the call's steps.
    await held.getByRole('button').first().click();
    const steps = page.getByTestId('call-step');
    await steps.first().waitFor();
    const kinds = await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-step')));
    expect(kinds).toEqual([
      'received',
      'decided',
      'approval',
      'forwarded',
      'prompt',
      'prompt-answer',
      'completed',
    ]);
    await screenshotBothThemes(page, 'history-timeline');
  });

  it('narrows the open session to the matching calls and marks the match', async () => {
    const timeline = page.getByRole('list', { name: 'Session timeline' });
    await page.getByLabel('Search commands and output').fill('shadow');
    await page.getByTestId('match-count').getByText('1 of 4 calls match').waitFor();
    expect(await timeline.getByTestId('timeline-call').count()).toBe(1);
    expect(await timeline.locator('mark.search-hit').allInnerTexts()).toEqual(['shadow']);

    // The user name is no word of any command: matched on host → user, marked there.
    // (list-connections has no host, but its output names the user: the full-text hit may add it, so
    // the count is 3 or 4 depending on when the batched index catches up; the three SSH calls are sure.)
    await page.getByLabel('Search commands and output').fill(sshd.user);
    await page
      .getByTestId('match-count')
      .getByText(/^[34] of 4 calls match$/)
      .waitFor();
    for (const command of [commands.allowed, commands.denied, commands.held()]) {
      const row = timeline
        .getByTestId('timeline-call')
        .filter({ has: page.getByTestId('row-command').getByText(command) });
      expect(await row.getByTestId('row-target').locator('mark.search-hit').allInnerTexts()).toEqual([
        sshd.user,
      ]);
    }
    await page.getByLabel('Search commands and output').fill('HELLO');
    await page.getByTestId('match-count').getByText('1 of 4 calls match').waitFor();
    expect(await timeline.locator('mark.search-hit').first().innerText()).toBe('hello');
    await page.getByRole('button', { name: 'Show all calls' }).click();
    await page.getByRole('button', { name: 'Show only matches' }).waitFor();
    expect(await timeline.getByTestId('timeline-call').count()).toBe(4);
    await page.getByLabel('Search commands and output').fill('');
    await page.getByTestId('match-count').waitFor({ state: 'detached' });
  });

  it('downloads a CSV with command, host, user, risk, decider and rule filled', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const path = await (await download).path();
    const rows = parseCsv(await readFile(path, 'utf8'));
    expect(rows[0]).toEqual([...CALL_CSV_HEADER]);
    const col = (name: (typeof CALL_CSV_HEADER)[number]) => CALL_CSV_HEADER.indexOf(name);
    const byCommand = new Map(rows.slice(1).map((row) => [row[col('command')], row]));
    const cells = (command: string, ...names: (typeof CALL_CSV_HEADER)[number][]) =>
      names.map((name) => byCommand.get(command)?.[col(name)]);
    const facts = ['host', 'user', 'verdict', 'decider', 'rule'] as const;
    expect(cells(commands.allowed, ...facts)).toEqual([
      sshd.host,
      sshd.user,
      'allowed',
      'rule:allow-echo',
      'allow-echo',
    ]);
    expect(cells(commands.denied, ...facts)).toEqual([
      sshd.host,
      sshd.user,
      'denied',
      'rule:no-secrets',
      'no-secrets',
    ]);
    const held = cells(commands.held(), ...facts, 'waited_ms', 'ran_ms');
    expect(held.slice(0, 3)).toEqual([sshd.host, sshd.user, 'approved']);
    expect(held[3]).toMatch(/^operator:\S+/);
    expect(held[4]).toBe('hold-removals');
    expect(Number(held[5])).toBeGreaterThanOrEqual(0);
    expect(Number(held[6])).toBeGreaterThanOrEqual(0);
    expect(rows).toHaveLength(5);
    for (const row of rows.slice(1)) expect(row[col('risk')]).toMatch(/^(exec|read-only)$/);
  });
});
