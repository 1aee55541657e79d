/** @vitest-environment jsdom */
/**
 * The Queue screen: safe rendering of attacker-chosen text, keyboard shortcuts, the arming delay,
 * deny-needs-a-reason, edit-then-approve validation, batch decisions, windowing and empty states.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from '../../renderer/App';
import { ARMING_DELAY_MS } from '../../renderer/screens/queue/use-arming';
import type { ApprovalItem } from '../../shared/approvals/types';
import { makeItem } from '../support/approval-item';
import { createFakeCore, renderWithCore, type FakeCore } from './support/fake-console';

const DIGEST = 'b'.repeat(64);

function pushQueue(core: FakeCore, items: ApprovalItem[]): void {
  core.push('queue:changed', { items });
}

function arm(): void {
  act(() => {
    vi.advanceTimersByTime(ARMING_DELAY_MS + 10);
  });
}

function disabled(element: HTMLElement): boolean {
  return (element as HTMLButtonElement).disabled;
}

function decisions(core: FakeCore): unknown[] {
  return core.calls.filter((c) => c.channel === 'queue:decide').map((c) => c.request);
}

describe('Queue screen', () => {
  let core: FakeCore;
  beforeEach(() => {
    vi.useFakeTimers();
    core = createFakeCore();
    core.respond('queue:decide', (request: { id: string }) => ({
      ok: true,
      item: makeItem({ id: request.id }),
    }));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows hidden characters as visible escapes and never renders raw bidi or ANSI', () => {
    renderWithCore(<App />, core);
    const trojan = 'ls /tmp \u202e; rm -rf ~ \u2066\x1b[31m';
    pushQueue(core, [makeItem({ id: 'one', digest: DIGEST }, trojan)]);
    const command = screen.getByTestId('command');
    // Raw bidi controls or ESC anywhere in the page would mean the sanitiser was bypassed.
    // eslint-disable-next-line no-control-regex
    const raw = /[\u202a-\u202e\u2066-\u2069\x1b]/;
    expect(command.textContent).not.toMatch(raw);
    expect(document.body.textContent).not.toMatch(raw);
    const escapes = command.querySelectorAll('.escape');
    expect(escapes.length).toBeGreaterThanOrEqual(3);
    expect(command.querySelector('.escape-bidi')?.getAttribute('title')).toMatch(/RIGHT-TO-LEFT OVERRIDE/i);
    expect(screen.getAllByText(/bidirectional override/).length).toBeGreaterThan(0);
  });

  it('keeps Approve disabled for the arming delay, and again after the window regains focus', () => {
    renderWithCore(<App />, core);
    pushQueue(core, [makeItem({ id: 'one', digest: DIGEST })]);
    const approve = screen.getByRole('button', { name: 'Approve' });
    expect(disabled(approve)).toBe(true);
    fireEvent.click(approve);
    fireEvent.keyDown(window, { key: 'a' });
    expect(decisions(core)).toHaveLength(0);
    arm();
    expect(disabled(approve)).toBe(false);
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(disabled(approve)).toBe(true);
    arm();
    fireEvent.click(approve);
    expect(decisions(core)).toEqual([
      { id: 'one', digest: DIGEST, decision: { kind: 'approve', scope: 'once' } },
    ]);
  });

  it('moves with j/k without approving, approves with a and s, and lists keys with ?', () => {
    renderWithCore(<App />, core);
    const now = Date.now();
    pushQueue(core, [
      makeItem({ id: 'new', createdAt: now, digest: DIGEST }, 'echo new'),
      makeItem({ id: 'old', createdAt: now - 1000, digest: DIGEST }, 'echo old'),
    ]);
    expect(screen.getByTestId('command').textContent).toBe('echo new');
    fireEvent.keyDown(window, { key: 'j' });
    expect(screen.getByTestId('command').textContent).toBe('echo old');
    arm();
    fireEvent.keyDown(window, { key: 's' });
    fireEvent.keyDown(window, { key: 'k' });
    arm();
    fireEvent.keyDown(window, { key: 'a' });
    expect(decisions(core)).toEqual([
      { id: 'old', digest: DIGEST, decision: { kind: 'approve', scope: 'session' } },
      { id: 'new', digest: DIGEST, decision: { kind: 'approve', scope: 'once' } },
    ]);
    fireEvent.keyDown(window, { key: '?' });
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Approve for this session')).toBeTruthy();
  });

  it('d only focuses the reason; Deny needs a reason and sends it', () => {
    renderWithCore(<App />, core);
    pushQueue(core, [makeItem({ id: 'one', digest: DIGEST })]);
    const reason = screen.getByLabelText(/Reason for denial/);
    fireEvent.keyDown(window, { key: 'd' });
    expect(document.activeElement).toBe(reason);
    expect(decisions(core)).toHaveLength(0);
    // Typing "a" in the reason must not approve.
    arm();
    fireEvent.keyDown(reason, { key: 'a' });
    fireEvent.click(screen.getByRole('button', { name: 'Deny' }));
    expect(decisions(core)).toHaveLength(0);
    expect(screen.getByText(/Write a reason first/)).toBeTruthy();
    fireEvent.change(reason, { target: { value: 'not on prod' } });
    fireEvent.keyDown(reason, { key: 'Enter' });
    expect(decisions(core)).toEqual([
      { id: 'one', digest: DIGEST, decision: { kind: 'deny', reason: 'not on prod' } },
    ]);
  });

  it('validates edited arguments inline before they can be approved', () => {
    renderWithCore(<App />, core);
    pushQueue(core, [makeItem({ id: 'one', digest: DIGEST })]);
    fireEvent.keyDown(window, { key: 'e' });
    const editor = screen.getByLabelText(/Arguments \(JSON\)/);
    arm();
    const submit = screen.getByRole('button', { name: 'Approve edited call' });
    fireEvent.change(editor, { target: { value: '{"command": ' } });
    expect(screen.getByText(/Not valid JSON/)).toBeTruthy();
    expect(disabled(submit)).toBe(true);
    fireEvent.change(editor, { target: { value: '{"command": 42}' } });
    expect(screen.getByText(/"command" must be "string"/)).toBeTruthy();
    fireEvent.change(editor, { target: { value: '{"command": "uptime -p"}' } });
    fireEvent.click(submit);
    expect(decisions(core)).toEqual([
      { id: 'one', digest: DIGEST, decision: { kind: 'edit', arguments: { command: 'uptime -p' } } },
    ]);
  });

  it('does not move the selection when new calls arrive, and follows on when the selected one leaves', () => {
    const { store } = renderWithCore(<App />, core);
    const now = Date.now();
    const first = makeItem({ id: 'first', createdAt: now - 1000 }, 'echo first');
    pushQueue(core, [first]);
    pushQueue(core, [makeItem({ id: 'second', createdAt: now }, 'echo second'), first]);
    expect(store.getState().selectedId).toBe('first');
    pushQueue(core, [makeItem({ id: 'second', createdAt: now }, 'echo second')]);
    expect(store.getState().selectedId).toBe('second');
  });

  it('batch-approves marked items with their digests', () => {
    renderWithCore(<App />, core);
    core.respond('queue:decide-many', (r: { requests: unknown[] }) =>
      r.requests.map(() => ({ ok: true, item: makeItem({ id: 'x' }) })),
    );
    pushQueue(core, [
      makeItem({ id: 'one', digest: DIGEST }),
      makeItem({ id: 'two', digest: 'c'.repeat(64) }),
    ]);
    for (const box of screen.getAllByTestId('mark-box')) fireEvent.click(box);
    expect(screen.getAllByRole('option').map((o) => o.getAttribute('aria-checked'))).toEqual([
      'true',
      'true',
    ]);
    arm();
    fireEvent.click(screen.getByRole('button', { name: 'Approve marked' }));
    const batch = core.calls.find((c) => c.channel === 'queue:decide-many');
    expect(batch?.request).toEqual({
      requests: [
        { id: 'one', digest: DIGEST, decision: { kind: 'approve', scope: 'once' } },
        { id: 'two', digest: 'c'.repeat(64), decision: { kind: 'approve', scope: 'once' } },
      ],
    });
  });

  it('windows a queue of 1,000 items: only the visible rows are in the DOM', () => {
    renderWithCore(<App />, core);
    const now = Date.now();
    pushQueue(
      core,
      Array.from({ length: 1000 }, (_, i) => makeItem({ id: `item-${i}`, createdAt: now - i }, `echo ${i}`)),
    );
    expect(screen.getByRole('button', { name: /Queue/ }).textContent).toContain('1000');
    const rows = screen.getAllByRole('option');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    for (let i = 0; i < 30; i++) fireEvent.keyDown(window, { key: 'j' });
    expect(screen.getByTestId('command').textContent).toBe('echo 30');
  });

  it('the list is one focusable listbox: active descendant, arrows, Home/End, Space marks, position in the whole queue', () => {
    renderWithCore(<App />, core);
    const now = Date.now();
    pushQueue(
      core,
      Array.from({ length: 300 }, (_, i) => makeItem({ id: `item-${i}`, createdAt: now - i }, `echo ${i}`)),
    );
    const list = screen.getByRole('listbox', { name: 'Held calls' });
    expect(list.tabIndex).toBe(0);
    // No checkbox nested inside an option.
    expect(within(list).queryAllByRole('checkbox')).toEqual([]);
    act(() => list.focus());
    const active = () => document.getElementById(list.getAttribute('aria-activedescendant') ?? '');
    expect(active()?.getAttribute('aria-posinset')).toBe('1');
    expect(active()?.getAttribute('aria-setsize')).toBe('300');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(active()?.getAttribute('aria-posinset')).toBe('3');
    expect(screen.getByTestId('command').textContent).toBe('echo 2');
    fireEvent.keyDown(list, { key: ' ' });
    expect(active()?.getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(list, { key: 'End' });
    // (jsdom does not scroll, so the last row is outside the rendered window here.)
    expect(list.getAttribute('aria-activedescendant')).toBe('queue-option-item-299');
    expect(screen.getByTestId('command').textContent).toBe('echo 299');
    fireEvent.keyDown(list, { key: 'Home' });
    expect(screen.getByTestId('command').textContent).toBe('echo 0');
  });

  it('the shortcut list is a modal: focus moves in and back, Tab stays, page keys do nothing behind it', () => {
    renderWithCore(<App />, core);
    pushQueue(core, [makeItem({ id: 'one', digest: DIGEST })]);
    arm();
    const list = screen.getByRole('listbox', { name: 'Held calls' });
    act(() => list.focus());
    fireEvent.keyDown(window, { key: '?' });
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help.getAttribute('aria-modal')).toBe('true');
    const close = within(help).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.keyDown(window, { key: 'x' });
    expect(decisions(core)).toEqual([]);
    expect(screen.getByRole('option').getAttribute('aria-checked')).toBe('false');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(list);
    fireEvent.keyDown(window, { key: 'a' });
    expect(decisions(core)).toHaveLength(1);
  });

  it('announces newly held calls to screen readers, not the ones already there', () => {
    renderWithCore(<App />, core);
    pushQueue(core, [makeItem({ id: 'old', digest: DIGEST })]);
    const announcer = screen.getByTestId('queue-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe('');
    pushQueue(core, [makeItem({ id: 'new', digest: DIGEST }), makeItem({ id: 'old', digest: DIGEST })]);
    expect(announcer.textContent).toMatch(/^New held call: exec on \S+\. 2 waiting\.$/);
  });

  it('shows designed empty and loading states', () => {
    renderWithCore(<App />, core);
    expect(screen.getByText(/Loading the queue/)).toBeTruthy();
    pushQueue(core, []);
    core.push('sessions:changed', { sessions: [] });
    expect(screen.getByText('No calls waiting — agents connected: 0')).toBeTruthy();
    expect(screen.getByText(/"command": "airlock"/)).toBeTruthy();
    const session = {
      sessionId: 's',
      serverName: 'prod',
      clientName: 'claude',
      clientVersion: '1',
      startedAt: 0,
      pendingCalls: 0,
    };
    core.push('sessions:changed', { sessions: [session, { ...session, sessionId: 't' }] });
    expect(screen.getByText('No calls waiting — agents connected: 2')).toBeTruthy();
  });
});
