/** @vitest-environment jsdom */
/**
 * Upstream prompts in the console: the Queue detail of an elicitation item says which running call it
 * belongs to (through the transport's re-check, so hostile text is escaped), and a call's history
 * detail lists its prompts with what was answered and by whom.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from '../../renderer/App';
import { CallPrompts } from '../../renderer/screens/history/CallPrompts';
import { sanitize } from '../../shared/safe-text';
import { makeItem } from '../support/approval-item';
import { createFakeCore, renderWithCore, type FakeCore } from './support/fake-console';

// eslint-disable-next-line no-control-regex
const RAW = /[\u202a-\u202e\u2066-\u2069\x1b]/;

describe('prompt links', () => {
  let core: FakeCore;
  beforeEach(() => {
    vi.useFakeTimers();
    core = createFakeCore();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  const elicitation = (relatedCalls: Parameters<typeof makeItem>[0]['relatedCalls']) =>
    makeItem({
      id: 'prompt-1',
      kind: 'elicitation',
      tool: 'elicitation/create',
      command: null,
      message: sanitize('Confirm destructive command on "local":\n\nrm -rf /tmp/x', { multiline: true }),
      target: { host: null, user: null },
      arguments: { message: 'Confirm destructive command on "local":\n\nrm -rf /tmp/x' },
      ...(relatedCalls === undefined ? {} : { relatedCalls }),
    });

  it('shows the call a prompt belongs to, its command escaped, and whether an operator approved it', () => {
    renderWithCore(<App />, core);
    const trojan = 'rm -rf /tmp/x \u202e\x1b[31m';
    core.push('queue:changed', {
      items: [
        elicitation([
          { callId: 'call-42', tool: sanitize('run-command'), command: sanitize(trojan), approved: false },
        ]),
      ],
    });
    const section = screen.getByRole('region', { name: 'Belongs to' });
    const [link] = within(section).getAllByTestId('related-call');
    expect(link?.textContent).toContain('run-command');
    expect(link?.textContent).toContain('rm -rf /tmp/x');
    expect(link?.textContent).toContain('let through by policy, no operator');
    expect(link?.textContent).toContain('call-42');
    expect(link?.querySelector('.escape-bidi')).not.toBeNull();
    expect(document.body.textContent).not.toMatch(RAW);
  });

  it('says so when a prompt names several running calls, or none', () => {
    renderWithCore(<App />, core);
    const two = [
      { callId: 'a', tool: sanitize('run-command'), command: sanitize('rm -rf /tmp/a'), approved: true },
      { callId: 'b', tool: sanitize('run-command'), command: null, approved: false },
    ];
    core.push('queue:changed', { items: [elicitation(two)] });
    const section = screen.getByRole('region', { name: 'Belongs to' });
    expect(within(section).getAllByTestId('related-call')).toHaveLength(2);
    expect(section.textContent).toMatch(/names 2 running calls; Airlock does not guess/);
    expect(section.textContent).toContain('approved by an operator');
    expect(section.textContent).toContain('no command');

    core.push('queue:changed', { items: [elicitation([])] });
    expect(screen.getByRole('region', { name: 'Belongs to' }).textContent).toMatch(
      /No call of this session running upstream/,
    );
  });

  it('shows no link section on a held tool call', () => {
    renderWithCore(<App />, core);
    core.push('queue:changed', { items: [makeItem({ id: 'call' })] });
    expect(screen.queryByRole('region', { name: 'Belongs to' })).toBeNull();
  });

  it("lists a call's prompts in history with the answer and who gave it", () => {
    render(
      <CallPrompts
        prompts={[
          {
            promptId: 'p1',
            at: 1_700_000_000_000,
            message: 'Confirm destructive command:\n\nrm -rf /tmp/x \u202e',
            route: 'approval',
            answer: 'accept',
            answeredBy: 'answered from the approval of call c1 (approved by operator)',
            answeredAt: 1_700_000_000_010,
          },
          {
            promptId: 'p2',
            at: 1_700_000_000_020,
            message: null,
            route: 'queue',
            answer: null,
            answeredBy: null,
            answeredAt: null,
          },
        ]}
      />,
    );
    const rows = screen.getAllByTestId('call-prompt');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("answered from this call's approval");
    expect(rows[0]?.textContent).toContain('accept');
    expect(rows[0]?.textContent).toContain('answered from the approval of call c1');
    expect(rows[1]?.textContent).toContain('held in the queue');
    expect(rows[1]?.textContent).toContain('no answer recorded');
    expect(document.body.textContent).not.toMatch(RAW);
  });
});
