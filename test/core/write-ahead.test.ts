/**
 * History's write-ahead row: committed (visible to another connection) before the call reaches the
 * upstream, and a call whose row cannot be written is denied instead of forwarded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startAirlock, type Airlock } from '../../electron/core/airlock';
import { historyPath } from '../../electron/history/open-database';
import { openHistoryReader } from '../../electron/history/reader';
import { airlockBin, ALLOW_ALL_POLICY, probeFixture } from '../support/airlock-harness';
import { waitFor } from '../support/wait';

const running: { airlock: Airlock; client: Client; dataDir: string }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.client.close();
    await r.airlock.shutdown();
    rmSync(r.dataDir, { recursive: true, force: true });
  }
});

async function start(): Promise<{ airlock: Airlock; client: Client; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'al-'));
  const airlock = await startAirlock({
    dataDir,
    console: false,
    startPolicy: { text: JSON.stringify(ALLOW_ALL_POLICY), source: 'test' },
  });
  const client = new Client({ name: 'wa', version: '1' }, { capabilities: {} });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [
        airlockBin,
        'mcp',
        '--data-dir',
        dataDir,
        '--name',
        'probe',
        '--',
        process.execPath,
        probeFixture,
      ],
      env: process.env as Record<string, string>,
      stderr: 'pipe',
    }),
  );
  const run = { airlock, client, dataDir };
  running.push(run);
  return run;
}

describe('history write-ahead', () => {
  it('commits the call row before the upstream sees the call', async () => {
    const { airlock, client, dataDir } = await start();
    let committedBeforeForward: boolean | undefined;
    const reader = openHistoryReader(historyPath(dataDir));
    airlock.core.events.subscribe((event) => {
      // call.forwarded is emitted right before the call is written to the upstream.
      if (event.type === 'call.forwarded')
        committedBeforeForward = reader.findCall(event.callId, event.sessionId) !== undefined;
    });
    await client.callTool({ name: 'echo', arguments: { message: 'recorded first' } });
    await waitFor(() => committedBeforeForward !== undefined);
    expect(committedBeforeForward).toBe(true);
    reader.close();
  });

  it('denies a call whose history row cannot be written, and never forwards it', async () => {
    const { airlock, client } = await start();
    const forwarded: string[] = [];
    airlock.core.events.subscribe((event) => {
      if (event.type === 'call.forwarded') forwarded.push(event.callId);
    });
    airlock.history.close(); // the database is gone from under the core
    const result = await client.callTool({ name: 'echo', arguments: { message: 'must not run' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/could not record this call in its history/);
    expect(forwarded).toEqual([]);
  });
});
