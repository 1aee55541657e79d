import { describe, expect, it } from 'vitest';

import type { ApprovalDecision } from '../../shared/approvals/types';
import { createHarness, facts, holdRequest, isSettled } from './support';

/** A seeded shuffle (mulberry32), so the "random" order is the same on every run. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

function decisionFor(n: number): ApprovalDecision {
  switch (n % 4) {
    case 0:
      return { kind: 'approve', scope: 'once' };
    case 1:
      return { kind: 'deny', reason: `no ${n}` };
    case 2:
      return { kind: 'edit', arguments: { command: `echo edited ${n}` } };
    default:
      return { kind: 'approve', scope: 'session' };
  }
}

describe('100 concurrent held calls', () => {
  it.each([1, 2, 3])(
    'decided in random order (seed %i), each resolves with its own arguments',
    async (seed) => {
      const { broker, time } = createHarness();
      const calls = Array.from({ length: 100 }, (_, n) => {
        const command = `echo call ${n}`;
        return broker.hold(
          holdRequest({
            sessionId: `s${n % 7}`,
            callId: `call-${n}`,
            arguments: { command },
            facts: facts({ host: `host-${n}`, command }),
          }),
        );
      });
      expect(broker.list()).toHaveLength(100);
      expect(new Set(calls.map((call) => call.item.digest)).size).toBe(100);

      const order = shuffle(
        calls.map((_, n) => n),
        seed,
      );
      for (const [step, n] of order.entries()) {
        const call = calls[n];
        if (call === undefined) throw new Error('missing call');
        time.advance(step % 3);
        const result = broker.decide({
          id: call.item.id,
          digest: call.item.digest,
          decision: decisionFor(n),
        });
        expect(result.ok).toBe(true);
        // Deciding one item settles that item only.
        const untouched = order.slice(step + 1).map((later) => calls[later]?.settled ?? Promise.resolve());
        expect(await Promise.all(untouched.slice(0, 3).map(isSettled))).toEqual(
          untouched.slice(0, 3).map(() => false),
        );
      }

      const results = await Promise.all(calls.map((call) => call.settled));
      results.forEach((resolution, n) => {
        switch (n % 4) {
          case 0:
          case 3:
            expect(resolution).toMatchObject({
              kind: 'forward',
              arguments: { command: `echo call ${n}` },
              edited: false,
            });
            break;
          case 1:
            expect(resolution).toMatchObject({ kind: 'deny', reason: `Denied by the operator: no ${n}` });
            break;
          default:
            expect(resolution).toMatchObject({
              kind: 'forward',
              arguments: { command: `echo edited ${n}` },
              edited: true,
            });
        }
      });
      expect(broker.list().every((item) => item.state.kind !== 'pending')).toBe(true);
      const granted = calls[3]?.item;
      expect(
        granted &&
          broker.findGrant(
            granted.sessionId,
            granted.tool,
            facts({ host: 'host-3', command: 'echo call 3' }),
            granted.arguments,
          ),
      ).not.toBeNull();
    },
  );
});
