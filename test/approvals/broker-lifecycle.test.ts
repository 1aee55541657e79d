import { describe, expect, it } from 'vitest';

import { createHarness, holdRequest, isSettled } from './support';

describe('expiry', () => {
  it('denies with a clear reason when nobody decides in time (fail closed)', async () => {
    const { broker, time } = createHarness();
    const held = broker.hold(holdRequest());
    expect(held.item.expiresAt - held.item.createdAt).toBe(300_000);
    time.advance(299_999);
    expect(await isSettled(held.settled)).toBe(false);
    time.advance(1);
    await expect(held.settled).resolves.toEqual({
      kind: 'deny',
      reason: 'Approval expired after 5 minutes',
      outcome: { kind: 'expired' },
      waitedMs: 300_000,
    });
    expect(broker.get(held.item.id)?.state).toEqual({ kind: 'expired', at: held.item.createdAt + 300_000 });
    const late = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    expect(late).toMatchObject({ ok: false, error: 'not-pending' });
  });

  it('honours a per-item expiry', async () => {
    const { broker, time } = createHarness();
    const held = broker.hold(holdRequest({ expiresInMs: 90_000 }));
    time.advance(90_000);
    await expect(held.settled).resolves.toMatchObject({
      kind: 'deny',
      reason: 'Approval expired after 90 seconds',
    });
  });

  it('a decision after the deadline loses even if the timer has not fired yet', async () => {
    let now = 0;
    const { broker } = createHarness({ clock: () => now, setTimer: () => 1, clearTimer: () => undefined });
    const held = broker.hold(holdRequest());
    now = 300_000;
    const result = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    expect(result).toMatchObject({ ok: false, error: 'not-pending' });
    await expect(held.settled).resolves.toMatchObject({ kind: 'deny', outcome: { kind: 'expired' } });
  });
});

describe('withdraw, invalidate, shutdown', () => {
  it('withdraw by call id ends the item for good', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest({ callId: 'call-77' }));
    expect(broker.withdraw('call-77', 'client cancelled: Request timed out')).toBe(true);
    await expect(held.settled).resolves.toMatchObject({
      kind: 'deny',
      reason: 'Approval withdrawn: client cancelled: Request timed out',
      outcome: { kind: 'withdrawn-by-client' },
    });
    expect(broker.get(held.item.id)?.state.kind).toBe('withdrawn-by-client');
    expect(broker.withdraw(held.item.id, 'again')).toBe(false);
    const late = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    expect(late).toMatchObject({ ok: false, error: 'not-pending' });
  });

  it('invalidateSession ends that session’s items only', async () => {
    const { broker } = createHarness();
    const mine = broker.hold(holdRequest({ sessionId: 's1', callId: 'a' }));
    const theirs = broker.hold(holdRequest({ sessionId: 's2', callId: 'b' }));
    broker.invalidateSession('s1', 'the client disconnected');
    await expect(mine.settled).resolves.toMatchObject({
      kind: 'deny',
      reason: 'Approval invalidated: the client disconnected',
      outcome: { kind: 'invalidated', reason: 'the client disconnected' },
    });
    expect(await isSettled(theirs.settled)).toBe(false);
    expect(broker.get(theirs.item.id)?.state.kind).toBe('pending');
  });

  it('shutdown denies every pending item, leaves no timer behind, and refuses new holds', async () => {
    const { broker, time } = createHarness();
    const held = [1, 2, 3].map((n) => broker.hold(holdRequest({ callId: `c${n}`, sessionId: `s${n}` })));
    broker.decide({
      id: held[0]?.item.id ?? '',
      digest: held[0]?.item.digest ?? '',
      decision: { kind: 'approve', scope: 'once' },
    });
    broker.shutdown('the core is exiting');
    const results = await Promise.all(held.map((call) => call.settled));
    expect(results[0]).toMatchObject({ kind: 'forward' });
    for (const result of results.slice(1)) {
      expect(result).toMatchObject({
        kind: 'deny',
        reason: 'Approval invalidated: Airlock is shutting down: the core is exiting',
      });
    }
    expect(time.pending()).toBe(0);
    const after = broker.hold(holdRequest({ callId: 'late' }));
    expect(after.item.state.kind).toBe('invalidated');
    await expect(after.settled).resolves.toMatchObject({ kind: 'deny', reason: /shutting down/ });
    expect(broker.list().some((item) => item.callId === 'late')).toBe(false);
  });

  it('denies at once beyond maxPending, without listing the refused call', async () => {
    const { broker, notifications } = createHarness({ maxPending: 2 });
    broker.hold(holdRequest({ callId: 'a' }));
    broker.hold(holdRequest({ callId: 'b' }));
    const third = broker.hold(holdRequest({ callId: 'c' }));
    await expect(third.settled).resolves.toMatchObject({
      kind: 'deny',
      reason: /Too many calls are waiting/,
    });
    expect(broker.list()).toHaveLength(2);
    expect(notifications).toHaveLength(2);
  });
});
