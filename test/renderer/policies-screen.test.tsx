/** @vitest-environment jsdom */
/** The Policies screen: inline validation errors from the core, save only when valid, disk-change banner. */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from '../../renderer/App';
import { createFakeCore, renderWithCore, type FakeCore } from './support/fake-console';

const DOCUMENT = {
  version: 'airlock/1',
  default: 'deny',
  rules: [{ id: 'allow-ls', tool: 'exec', action: 'allow' }],
};

function settle(): void {
  act(() => {
    vi.advanceTimersByTime(300);
  });
}

describe('Policies screen', () => {
  let core: FakeCore;
  beforeEach(() => {
    vi.useFakeTimers();
    core = createFakeCore();
    core.respond('policy:get', { version: 3, savedAt: 0, document: DOCUMENT });
    core.respond('policy:validate', ({ text }: { text: string }) =>
      text.includes('bad id!')
        ? {
            valid: false,
            issues: [{ path: '$.rules[0].id', message: 'Rule ids use letters, digits and _ . : -' }],
          }
        : { valid: true, issues: [] },
    );
    core.respond('policy:save', { version: 4, savedAt: 1, document: DOCUMENT });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  async function open(): Promise<void> {
    const { store } = renderWithCore(<App />, core);
    core.push('policy:status', { state: 'active', version: 3, savedAt: 0, pendingDiskChange: null });
    act(() => {
      store.getState().setScreen('policies');
    });
    await act(async () => {
      await Promise.resolve();
    });
  }

  it('shows the core’s validation errors inline and keeps Save disabled until the text is valid', async () => {
    await open();
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    const editor = screen.getByLabelText('Policy JSON');
    fireEvent.change(editor, {
      target: { value: JSON.stringify({ ...DOCUMENT, rules: [{ id: 'bad id!', action: 'allow' }] }) },
    });
    settle();
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.getByText(/Rule ids use letters/)).toBeTruthy();
    expect(screen.getByText('$.rules[0].id')).toBeTruthy();
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    const save = screen.getByRole('button', { name: 'Save policy' });
    expect((save as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(editor, {
      target: { value: JSON.stringify({ ...DOCUMENT, default: 'require_approval' }) },
    });
    settle();
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.queryByText(/Rule ids use letters/)).toBeNull();
    expect((save as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(save);
    const saved = core.calls.find((c) => c.channel === 'policy:save');
    expect(saved?.request).toEqual({ document: { ...DOCUMENT, default: 'require_approval' } });
  });

  it('edits rules in the form and asks before a disk change takes effect', async () => {
    await open();
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'deny' } });
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    expect(screen.getByLabelText<HTMLTextAreaElement>('Policy JSON').value).toContain('"action": "deny"');
    core.push('policy:status', {
      state: 'active',
      version: 3,
      savedAt: 0,
      pendingDiskChange: { detectedAt: 0, path: '/data/policy.json', error: null },
    });
    expect(screen.getByText(/not in effect/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Accept the change on disk' })).toBeTruthy();
  });
});
