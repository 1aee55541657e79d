/**
 * An upstream confirmation prompt waiting in the queue is withdrawn when the upstream cancels it, so the
 * operator is never left deciding something nobody waits for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startAirlock } from '../../electron/core/airlock';
import { airlockBin, ALLOW_ALL_POLICY, probeFixture } from '../support/airlock-harness';
import { waitFor } from '../support/wait';

describe('upstream elicitation in the queue', () => {
  it('withdraws the queue item when the upstream cancels its prompt', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'al-'));
    const airlock = await startAirlock({
      dataDir,
      console: false,
      startPolicy: { text: JSON.stringify(ALLOW_ALL_POLICY), source: 'test' },
    });
    const client = new Client({ name: 'ew', version: '1' }, { capabilities: {} });
    try {
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
      const call = client.callTool({ name: 'confirm-then-withdraw', arguments: { ms: 500 } });
      await waitFor(() => airlock.broker.list().some((i) => i.kind === 'elicitation'));
      const result = await call;
      expect(result.content).toEqual([{ type: 'text', text: 'withdrawn' }]);
      const item = airlock.broker.list().find((i) => i.kind === 'elicitation');
      await waitFor(() => airlock.broker.get(item?.id ?? '')?.state.kind !== 'pending');
      expect(airlock.broker.get(item?.id ?? '')?.state.kind).toBe('withdrawn-by-client');
    } finally {
      await client.close();
      await airlock.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
