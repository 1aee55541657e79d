/**
 * An upstream confirmation prompt waiting in the queue is withdrawn when the upstream cancels it, so the
 * operator is never left deciding something nobody waits for.
 */
import { describe, expect, it } from 'vitest';
import { ALLOW_ALL_POLICY, probeFixture } from '../support/airlock-harness';
import { connectAgent, startTestAirlock, waitForItem, waitForState } from '../support/in-process-airlock';

describe('upstream elicitation in the queue', () => {
  it('withdraws the queue item when the upstream cancels its prompt', async () => {
    const core = await startTestAirlock(ALLOW_ALL_POLICY);
    try {
      const agent = await connectAgent(
        core.bridge('probe', { command: process.execPath, args: [probeFixture] }),
      );
      const call = agent.client.callTool({ name: 'confirm-then-withdraw', arguments: { ms: 500 } });
      const item = await waitForItem(
        core.airlock.broker,
        (i) => i.kind === 'elicitation',
        'elicitation item',
      );
      expect(await call).toMatchObject({ content: [{ type: 'text', text: 'withdrawn' }] });
      await waitForState(core.airlock.broker, item.id, 'withdrawn-by-client');
      await agent.close();
    } finally {
      await core.stop();
    }
  });
});
