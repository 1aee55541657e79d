import { describe, expect, it } from 'vitest';

import { createHarness, holdRequest, isSettled } from './support';

const retryCaller = { sessionId: 'session-b', callId: 'retry-1' };

describe('answer-early retry store', () => {
  it('a detached item keeps waiting; the identical retry attaches and gets the decision', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    expect(broker.detach(held.item.id)).toBe(true);
    await expect(held.settled).resolves.toMatchObject({ kind: 'deny', outcome: { kind: 'invalidated' } });
    expect(broker.get(held.item.id)?.state.kind).toBe('pending');

    const retry = broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller);
    expect(retry?.kind).toBe('attached');
    if (retry?.kind !== 'attached') return;
    expect(retry.item.id).toBe(held.item.id);
    // Attached: a second identical call does not also attach to the same approval.
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toBeNull();
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    await expect(retry.settled).resolves.toMatchObject({ kind: 'forward', arguments: held.item.arguments });
    // The attached retry consumed it: nothing is left to pass a third call.
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toBeNull();
  });

  it('an approval decided while nobody waits passes the identical retry once, from any session', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest({ sessionId: 'old-session' }));
    broker.detach(held.item.id);
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
      by: 'ana',
    });
    const retry = broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller);
    expect(retry).toMatchObject({
      kind: 'forward',
      itemId: held.item.id,
      resolution: {
        kind: 'forward',
        arguments: held.item.arguments,
        outcome: { kind: 'approved', by: 'ana' },
      },
    });
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toBeNull();
    await expect(held.settled).resolves.toMatchObject({ kind: 'deny' });
  });

  it('an edited approval answers the retry with the edited arguments', () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    broker.detach(held.item.id);
    const edited = { command: 'systemctl reload nginx', profile: 'web-1' };
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'edit', arguments: edited },
    });
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toMatchObject({
      kind: 'forward',
      resolution: { arguments: edited, edited: true },
    });
  });

  it('a denial answers every identical retry until its time-to-live ends', () => {
    const { broker, time } = createHarness({ retryTtlMs: 600_000 });
    const held = broker.hold(holdRequest());
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'deny', reason: 'no restarts today' },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toMatchObject({
        kind: 'deny',
        resolution: { reason: 'Denied by the operator: no restarts today' },
      });
    }
    time.advance(600_000);
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toBeNull();
  });

  it('an approval consumed by the waiting call gives no free pass to a later identical call', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    await held.settled;
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toBeNull();
  });

  it('matches only the same server, tool and canonical arguments', () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    broker.detach(held.item.id);
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    const otherArgs = broker.hold(holdRequest({ callId: 'x', arguments: { command: 'reboot' } })).item.digest;
    expect(broker.findRetry('staging-ssh', 'run-command', held.item.digest, retryCaller)).toBeNull();
    expect(broker.findRetry('prod-ssh', 'privileged-command', held.item.digest, retryCaller)).toBeNull();
    expect(broker.findRetry('prod-ssh', 'run-command', otherArgs, retryCaller)).toBeNull();
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)?.kind).toBe('forward');
  });

  it('expired, withdrawn and detached-then-expired items answer nothing', async () => {
    const { broker, time } = createHarness();
    const held = broker.hold(holdRequest());
    broker.detach(held.item.id);
    time.advance(300_000);
    expect(broker.get(held.item.id)?.state.kind).toBe('expired');
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)).toBeNull();
    const withdrawn = broker.hold(holdRequest({ callId: 'w' }));
    broker.withdraw('w', 'cancelled');
    expect(broker.findRetry('prod-ssh', 'run-command', withdrawn.item.digest, retryCaller)).toBeNull();
    expect(await isSettled(withdrawn.settled)).toBe(true);
  });

  it('a detached item outlives the session that held it', () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest({ sessionId: 's1' }));
    broker.detach(held.item.id);
    broker.invalidateSession('s1', 'client restarted the server');
    expect(broker.get(held.item.id)?.state.kind).toBe('pending');
    expect(broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller)?.kind).toBe('attached');
  });

  it('the attached retry, not the original call, owns the item afterwards', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest({ sessionId: 'session-a', callId: 'call-1' }));
    broker.detach(held.item.id);
    const retry = broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller);
    expect(broker.withdraw('call-1', 'stale cancel for the answered call')).toBe(false);
    broker.invalidateSession('session-a', 'old session closed');
    expect(broker.get(held.item.id)?.state.kind).toBe('pending');
    expect(broker.withdraw('retry-1', 'client cancelled the retry')).toBe(true);
    if (retry?.kind !== 'attached') throw new Error('expected to attach');
    await expect(retry.settled).resolves.toMatchObject({
      kind: 'deny',
      outcome: { kind: 'withdrawn-by-client' },
    });
  });

  it('ending the retrying session invalidates the item it waits on', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest({ sessionId: 'session-a' }));
    broker.detach(held.item.id);
    const retry = broker.findRetry('prod-ssh', 'run-command', held.item.digest, retryCaller);
    broker.invalidateSession('session-b', 'client gone');
    if (retry?.kind !== 'attached') throw new Error('expected to attach');
    await expect(retry.settled).resolves.toMatchObject({
      kind: 'deny',
      reason: 'Approval invalidated: client gone',
    });
  });
});
