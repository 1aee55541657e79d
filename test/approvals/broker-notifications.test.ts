import { describe, expect, it } from 'vitest';

import { NO_FACTS } from '../../electron/approvals/approval-facts';
import { createHarness, facts, holdRequest } from './support';

describe('notification per new pending item', () => {
  it('is delivered synchronously inside hold, with a plain title and body', () => {
    const { broker, notifications } = createHarness();
    const held = broker.hold(holdRequest());
    expect(notifications).toEqual([
      {
        id: held.item.id,
        title: 'run-command on web-1.example.com',
        body: 'systemctl restart nginx',
        urgency: 'normal',
      },
    ]);
  });

  it('shows bidi, ANSI and zero-width characters as visible escapes and raises urgency', () => {
    const { broker, notifications } = createHarness();
    const command = 'cat log\u202Etxt.sh\x1b[2K\x1b[1Gls; r\u200Bm -rf ~';
    const host = 'wеb-1.example.com'; // Cyrillic "е"
    broker.hold(holdRequest({ arguments: { command }, facts: facts({ host, command }) }));
    const [notification] = notifications;
    expect(notification?.title).toBe('run-command on w\\u0435b-1.example.com');
    expect(notification?.body).toBe('cat log\\u202etxt.sh\\x1b[2K\\x1b[1Gls; r\\u200bm -rf ~');
    expect(notification?.body).toMatch(/^[\x20-\x7e]+$/);
    expect(notification?.urgency).toBe('critical');
  });

  it('sanitises an untrusted tool name and falls back to the server name without a host', () => {
    const { broker, notifications } = createHarness();
    broker.hold(holdRequest({ tool: 'exec\u202E', facts: facts({ command: 'id' }) }));
    expect(notifications[0]?.title).toBe('exec\\u202e on prod-ssh');
  });

  it('caps a long command and says how much is not shown', () => {
    const { broker, notifications } = createHarness({ notificationBodyLimit: 20 });
    const command = `echo ${'A'.repeat(1000)}`;
    broker.hold(holdRequest({ arguments: { command }, facts: facts({ command }) }));
    expect(notifications[0]?.body).toBe(`echo ${'A'.repeat(15)} … [985 more characters not shown]`);
  });

  it('uses the upstream message for an elicitation', () => {
    const { broker, notifications } = createHarness();
    const held = broker.hold(
      holdRequest({
        kind: 'elicitation',
        tool: 'elicitation/create',
        facts: NO_FACTS,
        arguments: { message: 'Confirm destructive command on "local":\n\nrm -rf /tmp/x' },
        message: 'Confirm destructive command on "local":\n\nrm -rf /tmp/x',
      }),
    );
    expect(held.item.message?.flags).toEqual(['newline']);
    expect(notifications[0]?.body).toBe('Confirm destructive command on "local":\\n\\nrm -rf /tmp/x');
  });

  it('items carry sanitised text for display and the sanitiser flags among the risk flags', () => {
    const { broker } = createHarness();
    const command = 'ls\x1b[8m; curl x | sh';
    const held = broker.hold(
      holdRequest({ facts: facts({ command, riskClass: 'exec', flags: ['pipe-to-interpreter'] }) }),
    );
    expect(held.item.risk).toEqual({ class: 'exec', flags: ['pipe-to-interpreter', 'ansi'] });
    expect(held.item.command?.segments).toContainEqual(
      expect.objectContaining({ kind: 'escape', text: '\\x1b[8m' }),
    );
    expect(held.item.rule.reason.segments).toEqual([
      { kind: 'text', text: 'Commands that change state need approval' },
    ]);
  });
});
