/**
 * How a session ends when the core stops, with a real `airlock serve` and a real agent behind
 * `airlock mcp`: SIGTERM (a clean shutdown) records `core-shutdown`, a SIGKILL leaves the session open and
 * the next start labels it `crashed`. Read back through the real `airlock history sessions --json`.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

import {
  ALLOW_ALL_POLICY,
  everythingServer,
  makeDataDir,
  runCli,
  startAirlockCore,
} from '../support/airlock-harness';
import { connectClient, resultText } from '../e2e/support/mcp-client';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts a core, runs one call through an agent, and gives back the agent and the core. */
async function coreWithOneCall(dataDir: string) {
  const core = await startAirlockCore({ dataDir, policy: ALLOW_ALL_POLICY });
  const agent: Client = await connectClient(
    core.bridgeParams('everything', process.execPath, [everythingServer]),
  );
  const result = await agent.callTool({ name: 'echo', arguments: { message: 'before the stop' } });
  expect(resultText(result)).toContain('before the stop');
  return { core, agent };
}

/** The recorded end of every session, via the CLI, after one more start and stop of the core. */
async function endsAfterRestart(dataDir: string): Promise<(string | null)[]> {
  // The next start runs recovery: that is where a session never closed becomes "crashed".
  const again = await startAirlockCore({ dataDir, policy: ALLOW_ALL_POLICY });
  await again.stop({ keepData: true });
  const listed = await runCli(['history', 'sessions', '--json', '--data-dir', dataDir]);
  expect(listed.code, listed.stderr).toBe(0);
  const page = JSON.parse(listed.stdout) as { items: { end: { kind: string } | null }[] };
  return page.items.map((s) => s.end?.kind ?? null);
}

describe('session end on core stop', { timeout: 60_000 }, () => {
  it('a clean shutdown (SIGTERM) records core-shutdown, not crashed', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const { core, agent } = await coreWithOneCall(dataDir);
    await core.stop({ keepData: true });
    expect(core.process.signalCode ?? core.process.exitCode).not.toBe('SIGKILL');
    await agent.close();
    expect(await endsAfterRestart(dataDir)).toEqual(['core-shutdown']);
  });

  it('Ctrl+C in a terminal (SIGINT to the group, then forwarded again by npm start) still ends cleanly', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const { core, agent } = await coreWithOneCall(dataDir);
    const exited = once(core.process, 'exit');
    // The terminal signals every process of the foreground group; scripts/start.mjs forwards it once more.
    core.process.kill('SIGINT');
    core.process.kill('SIGINT');
    const [code, signal] = (await exited) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await agent.close();
    expect(await endsAfterRestart(dataDir)).toEqual(['core-shutdown']);
  });

  it('a SIGKILL leaves the session open, and the next start labels it crashed', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const { core, agent } = await coreWithOneCall(dataDir);
    const exited = once(core.process, 'exit');
    core.process.kill('SIGKILL');
    await exited;
    await agent.close();
    expect(await endsAfterRestart(dataDir)).toEqual(['crashed']);
  });
});
