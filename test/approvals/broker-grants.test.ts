import { describe, expect, it } from 'vitest';

import { createHarness, facts, holdRequest } from './support';

const fields = facts({
  host: 'web-1.example.com',
  user: 'deploy',
  command: 'tail -n 100 /var/log/syslog',
  riskClass: 'read-only',
});
const args = { command: 'tail -n 100 /var/log/syslog', profile: 'web-1' };

function grantedBroker() {
  const harness = createHarness();
  const held = harness.broker.hold(holdRequest({ sessionId: 's1', arguments: args, facts: fields }));
  const result = harness.broker.decide({
    id: held.item.id,
    digest: held.item.digest,
    decision: { kind: 'approve', scope: 'session' },
    by: 'ana',
  });
  expect(result).toMatchObject({ ok: true, item: { state: { kind: 'approved', scope: 'session' } } });
  return { ...harness, held };
}

describe('session grants (exact command shape)', () => {
  it('covers the same session, tool, host, user, command and other arguments', async () => {
    const { broker, held } = grantedBroker();
    await expect(held.settled).resolves.toMatchObject({ kind: 'forward', outcome: { scope: 'session' } });
    expect(broker.findGrant('s1', 'run-command', fields, args)).toMatchObject({
      sessionId: 's1',
      tool: 'run-command',
      itemId: held.item.id,
      by: 'ana',
    });
    // Key order is not part of the shape.
    expect(
      broker.findGrant('s1', 'run-command', fields, {
        profile: 'web-1',
        command: 'tail -n 100 /var/log/syslog',
      }),
    ).not.toBeNull();
  });

  it('does not cover another session, tool, host, user or command', () => {
    const { broker } = grantedBroker();
    expect(broker.findGrant('s2', 'run-command', fields, args)).toBeNull();
    expect(broker.findGrant('s1', 'privileged-command', fields, args)).toBeNull();
    expect(broker.findGrant('s1', 'run-command', { ...fields, host: 'db-1.example.com' }, args)).toBeNull();
    expect(broker.findGrant('s1', 'run-command', { ...fields, user: 'root' }, args)).toBeNull();
    const other = { ...args, command: 'tail -n 100 /var/log/syslog; rm -rf /' };
    expect(broker.findGrant('s1', 'run-command', { ...fields, command: other.command }, other)).toBeNull();
    // No digit generalisation: the numbers are part of the shape.
    const digits = { ...args, command: 'tail -n 200 /var/log/syslog' };
    expect(broker.findGrant('s1', 'run-command', { ...fields, command: digits.command }, digits)).toBeNull();
  });

  it('does not cover a call whose other arguments differ', () => {
    const { broker } = grantedBroker();
    expect(broker.findGrant('s1', 'run-command', fields, { ...args, profile: 'db-1' })).toBeNull();
    expect(broker.findGrant('s1', 'run-command', fields, { ...args, tty: true })).toBeNull();
  });

  it('ends with the session', () => {
    const { broker } = grantedBroker();
    broker.invalidateSession('s1', 'closed');
    expect(broker.findGrant('s1', 'run-command', fields, args)).toBeNull();
  });

  it('is refused when the call carries deceptive characters, which stay approvable once', async () => {
    const { broker } = createHarness();
    const command = 'cat notes\u202Etxt.sh';
    const held = broker.hold(holdRequest({ arguments: { command }, facts: { ...fields, command } }));
    expect(held.item.risk.flags).toContain('bidi');
    for (const decision of [
      { kind: 'approve', scope: 'session' },
      { kind: 'always-allow', rule: { tool: 'run-command' } },
    ]) {
      expect(broker.decide({ id: held.item.id, digest: held.item.digest, decision })).toMatchObject({
        ok: false,
        error: 'invalid-decision',
      });
    }
    expect(
      broker.decide({
        id: held.item.id,
        digest: held.item.digest,
        decision: { kind: 'approve', scope: 'once' },
      }).ok,
    ).toBe(true);
    await expect(held.settled).resolves.toMatchObject({ kind: 'forward' });
  });
});
