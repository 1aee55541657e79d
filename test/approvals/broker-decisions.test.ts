import { describe, expect, it } from 'vitest';

import { createHarness, holdRequest, isSettled } from './support';

describe('approve, deny, edit', () => {
  it('approve once forwards exactly the arguments shown', async () => {
    const { broker, changes, time } = createHarness();
    const held = broker.hold(holdRequest());
    expect(held.item.state).toEqual({ kind: 'pending' });
    time.advance(1500);
    const result = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
      by: 'ana',
    });
    expect(result).toMatchObject({
      ok: true,
      ruleToSave: null,
      item: { state: { kind: 'approved', by: 'ana', scope: 'once' } },
    });
    await expect(held.settled).resolves.toEqual({
      kind: 'forward',
      arguments: { command: 'systemctl restart nginx', profile: 'web-1' },
      edited: false,
      outcome: { kind: 'approved', by: 'ana', scope: 'once' },
      waitedMs: 1500,
    });
    expect(changes.map((change) => change.type)).toEqual(['added', 'updated']);
  });

  it('deny resolves with the operator reason, and defaults the name of who decided', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    const result = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'deny', reason: '  not during business hours ' },
    });
    expect(result.ok).toBe(true);
    await expect(held.settled).resolves.toMatchObject({
      kind: 'deny',
      reason: 'Denied by the operator: not during business hours',
      outcome: { kind: 'denied', by: 'operator', reason: 'not during business hours' },
    });
  });

  it('deny without a reason still says who denied it', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    broker.decide({ id: held.item.id, digest: held.item.digest, decision: { kind: 'deny', reason: '' } });
    await expect(held.settled).resolves.toMatchObject({
      kind: 'deny',
      reason: 'Denied by the operator: no reason given',
    });
  });

  it('edit-then-approve validates against the input schema and records both versions', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    const bad = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'edit', arguments: { command: 5, extra: true } },
    });
    expect(bad).toMatchObject({ ok: false, error: 'invalid-arguments' });
    expect(bad.ok ? '' : bad.message).toMatch(/\/command must be string/);
    expect(bad.ok ? '' : bad.message).toMatch(/additional properties/);
    expect(broker.get(held.item.id)?.state).toEqual({ kind: 'pending' });
    expect(await isSettled(held.settled)).toBe(false);

    const edited = { command: 'systemctl reload nginx', profile: 'web-1' };
    const good = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'edit', arguments: edited },
      by: 'ana',
    });
    expect(good).toMatchObject({
      ok: true,
      item: { state: { kind: 'edited-and-approved', arguments: edited } },
    });
    expect(broker.get(held.item.id)?.arguments).toEqual({
      command: 'systemctl restart nginx',
      profile: 'web-1',
    });
    await expect(held.settled).resolves.toMatchObject({
      kind: 'forward',
      arguments: edited,
      edited: true,
      outcome: {
        kind: 'edited-and-approved',
        by: 'ana',
        original: { command: 'systemctl restart nginx', profile: 'web-1' },
      },
    });
  });

  it('validates draft-07 schemas too', () => {
    const { broker } = createHarness();
    const inputSchema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { pid: { type: 'integer', minimum: 1 } },
      required: ['pid'],
    };
    const held = broker.hold(holdRequest({ tool: 'signal-process', arguments: { pid: 42 }, inputSchema }));
    const bad = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'edit', arguments: { pid: 0 } },
    });
    expect(bad).toMatchObject({ ok: false, error: 'invalid-arguments' });
    const good = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'edit', arguments: { pid: 43 } },
    });
    expect(good.ok).toBe(true);
  });

  it('refuses an edit when the input schema is unknown or unusable', () => {
    const { broker } = createHarness();
    const noSchema = broker.hold(holdRequest({ inputSchema: null }));
    expect(
      broker.decide({
        id: noSchema.item.id,
        digest: noSchema.item.digest,
        decision: { kind: 'edit', arguments: {} },
      }),
    ).toMatchObject({
      ok: false,
      error: 'invalid-decision',
    });
    const broken = broker.hold(
      holdRequest({
        callId: 'call-2',
        inputSchema: { type: 'object', properties: { a: { $ref: '#/nowhere' } } },
      }),
    );
    const result = broker.decide({
      id: broken.item.id,
      digest: broken.item.digest,
      decision: { kind: 'edit', arguments: { a: 1 } },
    });
    expect(result).toMatchObject({ ok: false, error: 'invalid-arguments' });
    expect(result.ok ? '' : result.message).toMatch(/cannot be used/);
  });

  it('an edit that changes nothing is a plain approval', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'edit', arguments: { profile: 'web-1', command: 'systemctl restart nginx' } },
    });
    await expect(held.settled).resolves.toMatchObject({
      kind: 'forward',
      edited: false,
      outcome: { kind: 'approved', scope: 'once' },
    });
  });

  it('always-allow approves this call and hands back the rule to save', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    const rule = {
      tool: 'run-command',
      when: { 'ssh.command': { glob: 'systemctl restart *' } },
      action: 'allow',
    };
    const result = broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'always-allow', rule },
    });
    expect(result).toMatchObject({
      ok: true,
      ruleToSave: rule,
      item: { state: { kind: 'approved', scope: 'always' } },
    });
    await expect(held.settled).resolves.toMatchObject({
      kind: 'forward',
      outcome: { kind: 'approved', scope: 'always' },
    });
  });
});

describe('binding and single use', () => {
  it('refuses a decision whose digest does not match what the item holds', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    const other = broker.hold(holdRequest({ callId: 'call-2', arguments: { command: 'rm -rf /' } }));
    const result = broker.decide({
      id: held.item.id,
      digest: other.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    expect(result).toMatchObject({ ok: false, error: 'digest-mismatch' });
    expect(broker.get(held.item.id)?.state.kind).toBe('pending');
    expect(await isSettled(held.settled)).toBe(false);
  });

  it('a decision is used once', async () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    const request = {
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    };
    expect(broker.decide(request).ok).toBe(true);
    expect(broker.decide(request)).toMatchObject({ ok: false, error: 'not-pending' });
    expect(
      broker.decide({ ...request, decision: { kind: 'deny', reason: 'changed my mind' } }),
    ).toMatchObject({
      ok: false,
      error: 'not-pending',
    });
    await expect(held.settled).resolves.toMatchObject({ kind: 'forward' });
    expect(broker.get(held.item.id)?.state.kind).toBe('approved');
  });

  it('refuses malformed decisions and unknown ids, leaving the item pending', () => {
    const { broker } = createHarness();
    const held = broker.hold(holdRequest());
    const { id, digest } = held.item;
    const malformed: unknown[] = [
      null,
      { id, digest },
      { id, digest, decision: { kind: 'approve', scope: 'forever' } },
      { id, digest, decision: { kind: 'approve', scope: 'once', sneaky: true } },
      { id, digest: digest.toUpperCase(), decision: { kind: 'approve', scope: 'once' } },
      { id, digest, decision: { kind: 'edit', arguments: [] } },
      { id, digest, decision: { kind: 'approve', scope: 'once' }, extra: 1 },
    ];
    for (const request of malformed)
      expect(broker.decide(request)).toMatchObject({ ok: false, error: 'invalid-decision' });
    expect(broker.decide({ id: 'nope', digest, decision: { kind: 'approve', scope: 'once' } })).toMatchObject(
      {
        ok: false,
        error: 'not-found',
      },
    );
    expect(broker.get(id)?.state.kind).toBe('pending');
  });

  it('keeps its own frozen copy of the arguments', async () => {
    const { broker } = createHarness();
    const args = { command: 'ls', profile: 'web-1' };
    const held = broker.hold(holdRequest({ arguments: args }));
    args.command = 'rm -rf /';
    expect(held.item.arguments).toEqual({ command: 'ls', profile: 'web-1' });
    expect(Object.isFrozen(held.item.arguments)).toBe(true);
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    await expect(held.settled).resolves.toMatchObject({ arguments: { command: 'ls', profile: 'web-1' } });
  });
});

describe('listing', () => {
  it('lists pending first, newest on top, and drops decided items after the keep time', () => {
    const { broker, time, changes } = createHarness({ keepDecidedMs: 60_000 });
    const first = broker.hold(holdRequest({ callId: 'c1' }));
    time.advance(10);
    const second = broker.hold(holdRequest({ callId: 'c2' }));
    time.advance(10);
    const third = broker.hold(holdRequest({ callId: 'c3' }));
    broker.decide({ id: third.item.id, digest: third.item.digest, decision: { kind: 'deny', reason: 'no' } });
    expect(broker.list().map((item) => item.callId)).toEqual(['c2', 'c1', 'c3']);
    time.advance(60_000);
    expect(broker.list().map((item) => item.callId)).toEqual(['c2', 'c1']);
    expect(broker.get(third.item.id)).toBeNull();
    expect(changes.at(-1)).toMatchObject({
      type: 'removed',
      item: { callId: 'c3', state: { kind: 'denied' } },
    });
    expect(first.item.state.kind).toBe('pending');
    expect(second.item.state.kind).toBe('pending');
  });

  it('a throwing subscriber does not break the queue, and is reported', async () => {
    const reported: unknown[] = [];
    const { broker, changes } = createHarness({ onSubscriberError: (error) => reported.push(error) });
    broker.subscribe(() => {
      throw new Error('boom');
    });
    const held = broker.hold(holdRequest());
    broker.decide({
      id: held.item.id,
      digest: held.item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    await expect(held.settled).resolves.toMatchObject({ kind: 'forward' });
    expect(reported.map((e) => (e as Error).message)).toEqual(['boom', 'boom']);
    // The other subscriber saw both changes all the same.
    expect(changes.map((c) => c.item.state.kind)).toEqual(['pending', 'approved']);
  });

  it('unsubscribe stops delivery', () => {
    const { broker } = createHarness();
    const seen: string[] = [];
    const stop = broker.subscribe((change) => seen.push(change.type));
    broker.hold(holdRequest());
    stop();
    broker.hold(holdRequest({ callId: 'c2' }));
    expect(seen).toEqual(['added']);
  });
});
