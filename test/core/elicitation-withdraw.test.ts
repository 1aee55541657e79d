/**
 * An upstream confirmation prompt withdrawn by the upstream: waiting in the queue, its item is withdrawn,
 * so the operator is never left deciding something nobody waits for; relayed to the client, the client
 * is told. Either way history records the prompt, tied to its call, as ended without an answer.
 */
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { ALLOW_ALL_POLICY, probeFixture } from '../support/airlock-harness';
import {
  connectAgent,
  recordEvents,
  startTestAirlock,
  waitForItem,
  waitForState,
} from '../support/in-process-airlock';

describe('upstream elicitation withdrawn by the upstream', () => {
  it('withdraws the queue item when the upstream cancels its prompt, and records it unanswered', async () => {
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
      // The probe's call carries no command: the prompt is linked as the session's only running call.
      expect(item.relatedCalls.map((c) => [c.approved, c.command])).toEqual([[false, null]]);
      const callId = item.relatedCalls[0]?.callId ?? '';
      expect(await call).toMatchObject({ content: [{ type: 'text', text: 'withdrawn' }] });
      await waitForState(core.airlock.broker, item.id, 'withdrawn-by-client');
      expect(core.airlock.history.findCall(callId, item.sessionId)?.prompts).toMatchObject([
        {
          route: 'queue',
          linkedBy: 'only-call',
          itemId: item.id,
          answer: {
            answer: { kind: 'none', reason: 'the upstream withdrew its request' },
            by: { kind: 'queue', itemId: item.id, outcome: { kind: 'withdrawn-by-client' } },
          },
        },
      ]);
      await agent.close();
    } finally {
      await core.stop();
    }
  });

  it('relayed to the client (elicitation: client), the withdrawn prompt is recorded without an answer', async () => {
    const core = await startTestAirlock(ALLOW_ALL_POLICY);
    const log = recordEvents(core.airlock);
    try {
      const agent = await connectAgent(
        core.bridge('probe', { command: process.execPath, args: [probeFixture] }, [
          '--elicitation',
          'client',
        ]),
        { elicitation: {} },
      );
      let asked = 0;
      // A client that never answers: the upstream withdraws first.
      agent.client.setRequestHandler(ElicitRequestSchema, (_request, extra) => {
        asked += 1;
        return new Promise((_resolve, reject) =>
          extra.signal.addEventListener('abort', () => reject(new Error('withdrawn'))),
        );
      });
      const result = await agent.client.callTool({ name: 'confirm-then-withdraw', arguments: { ms: 300 } });
      expect(result).toMatchObject({ content: [{ type: 'text', text: 'withdrawn' }] });
      expect(asked).toBe(1);
      const received = log.events.find((e) => e.type === 'call.received');
      const callId = received?.type === 'call.received' ? received.callId : '';
      expect(core.airlock.history.findCall(callId)?.prompts).toMatchObject([
        {
          route: 'client',
          linkedBy: 'only-call',
          answer: {
            answer: { kind: 'none', reason: 'the upstream withdrew its request' },
            by: { kind: 'client' },
          },
        },
      ]);
      expect(core.airlock.broker.list()).toEqual([]);
      await agent.close();
    } finally {
      log.stop();
      await core.stop();
    }
  });
});
