/**
 * History's write-ahead row: committed (visible to another connection) before the call reaches the
 * upstream, and a call whose row cannot be written is denied instead of forwarded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { historyPath } from '../../electron/history/open-database';
import { openHistoryReader } from '../../electron/history/reader';
import { ALLOW_ALL_POLICY, probeFixture } from '../support/airlock-harness';
import {
  connectAgent,
  startTestAirlock,
  type AgentClient,
  type TestAirlock,
} from '../support/in-process-airlock';
import { waitFor } from '../support/wait';

const running: { core: TestAirlock; agent: AgentClient }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.agent.close();
    await r.core.stop();
  }
});

async function start(): Promise<{ core: TestAirlock; agent: AgentClient }> {
  const core = await startTestAirlock(ALLOW_ALL_POLICY);
  const agent = await connectAgent(core.bridge('probe', { command: process.execPath, args: [probeFixture] }));
  const run = { core, agent };
  running.push(run);
  return run;
}

describe('history write-ahead', () => {
  it('commits the call row before the upstream sees the call', async () => {
    const { core, agent } = await start();
    let committedBeforeForward: boolean | undefined;
    const reader = openHistoryReader(historyPath(core.dataDir));
    core.airlock.core.events.subscribe((event) => {
      // call.forwarded is emitted right before the call is written to the upstream.
      if (event.type === 'call.forwarded') {
        committedBeforeForward = reader.findCall(event.callId, event.sessionId) !== undefined;
      }
    });
    await agent.client.callTool({ name: 'echo', arguments: { message: 'recorded first' } });
    await waitFor(() => committedBeforeForward !== undefined);
    expect(committedBeforeForward).toBe(true);
    reader.close();
  });

  it('denies a call whose history row cannot be written, and never forwards it', async () => {
    const { core, agent } = await start();
    const forwarded: string[] = [];
    core.airlock.core.events.subscribe((event) => {
      if (event.type === 'call.forwarded') forwarded.push(event.callId);
    });
    core.airlock.history.close(); // the database is gone from under the core
    const result = await agent.client.callTool({ name: 'echo', arguments: { message: 'must not run' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/could not record this call in its history/);
    expect(forwarded).toEqual([]);
  });
});
