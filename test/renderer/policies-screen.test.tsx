/** @vitest-environment jsdom */
/**
 * The Policies screen: inline validation errors from the core, the draft kept across tabs and screens
 * (with the leave dialog and the beforeunload guard), conditions in the form, the reviewed save, the
 * draft-vs-saved simulator, and the disk-change banner.
 */
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from '../../renderer/App';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { createFakeCore, renderWithCore, type FakeCore } from './support/fake-console';

const DOCUMENT = {
  version: 'airlock/1',
  default: 'deny',
  rules: [
    {
      id: 'allow-ls',
      tool: 'exec',
      action: 'allow',
      when: [{ op: 'command', quantifier: 'every', match: { program: ['ls'] } }],
    },
  ],
};

// jsdom has no layout: CodeMirror measures text ranges, so give ranges empty geometry as an empty page would.
if (typeof Range.prototype.getClientRects !== 'function') {
  Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

/** Lets the debounced validation run and its answer arrive. */
async function settle(): Promise<void> {
  act(() => {
    vi.advanceTimersByTime(300);
  });
  await flush();
}

/** The CodeMirror view of the JSON tab (it lives in a shadow root, see JsonCodeEditor.tsx). */
async function jsonEditor(): Promise<EditorView> {
  // The editor is loaded on first use: wait for its module, then for React to mount it.
  await act(async () => {
    await import('../../renderer/screens/policies/JsonCodeEditor');
  });
  await flush();
  const host = screen.getByTestId('policy-json-editor');
  const dom = host.shadowRoot?.querySelector<HTMLElement>('.cm-editor');
  const view = dom === null || dom === undefined ? null : EditorView.findFromDOM(dom);
  if (view === null) throw new Error('no CodeMirror view');
  return view;
}

function typeInto(view: EditorView, text: string): void {
  act(() => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });
}

describe('Policies screen', () => {
  let core: FakeCore;
  let store: ConsoleStore;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    core = createFakeCore();
    core.respond('policy:get', { version: 3, savedAt: 0, document: DOCUMENT });
    core.respond('policy:validate', ({ text }: { text: string }) =>
      text.includes('bad id!')
        ? {
            valid: false,
            issues: [
              {
                path: '$.rules[0].id',
                message: 'Rule ids use letters, digits and _ . : -',
                line: 6,
                column: 13,
              },
            ],
          }
        : text.includes('"field": "nope"')
          ? { valid: false, issues: [{ path: '$.rules[0].when[1].field', message: 'Field must be args…' }] }
          : { valid: true, issues: [] },
    );
    core.respond('policy:save', ({ document }: { document: unknown }) => ({
      version: 4,
      savedAt: 1,
      document,
    }));
    core.respond('policy:versions', [
      { version: 3, savedAt: 0, note: null, source: 'console' },
      { version: 2, savedAt: 0, note: null, source: 'console' },
    ]);
    core.respond('policy:diff', [{ kind: 'added', text: '$.rules[1]: {"id":"rule-2"}' }]);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  async function open(): Promise<void> {
    ({ store } = renderWithCore(<App />, core));
    core.push('policy:status', { state: 'active', version: 3, savedAt: 0, pendingDiskChange: null });
    act(() => {
      store.getState().setScreen('policies');
    });
    await flush();
  }

  it('shows the core’s validation errors in the code editor and the list, and saves only when valid', async () => {
    await open();
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    const view = await jsonEditor();
    expect(view.state.doc.toString()).toContain('"allow-ls"');
    typeInto(view, JSON.stringify({ ...DOCUMENT, rules: [{ id: 'bad id!', action: 'allow' }] }, null, 2));
    await settle();
    expect(screen.getByText(/Rule ids use letters/)).toBeTruthy();
    expect(screen.getByText('$.rules[0].id')).toBeTruthy();
    expect(screen.getByLabelText('line 6, column 13')).toBeTruthy();
    expect(view.contentDOM.getAttribute('aria-invalid')).toBe('true');
    const save = screen.getByRole('button', { name: 'Save policy…' });
    expect((save as HTMLButtonElement).disabled).toBe(true);

    typeInto(view, JSON.stringify({ ...DOCUMENT, default: 'require_approval' }, null, 2));
    await settle();
    expect(screen.queryByText(/Rule ids use letters/)).toBeNull();
    expect(view.contentDOM.getAttribute('aria-invalid')).toBe('false');
    fireEvent.click(save);
    await flush();
    // The review names the next version (after the newest stored) and shows the diff.
    const review = screen.getByRole('region', { name: 'Review changes before saving' });
    expect(within(review).getByRole('heading', { name: 'Save as version 4?' })).toBeTruthy();
    expect(within(review).getByText('- $.default: "deny"')).toBeTruthy();
    expect(within(review).getByText('+ $.default: "require_approval"')).toBeTruthy();
    expect(core.calls.some((c) => c.channel === 'policy:save')).toBe(false);
    fireEvent.change(within(review).getByLabelText('Note for this version'), {
      target: { value: 'stricter' },
    });
    fireEvent.click(within(review).getByRole('button', { name: 'Save as version 4' }));
    await flush();
    const saved = core.calls.find((c) => c.channel === 'policy:save');
    expect(saved?.request).toEqual({
      document: { ...DOCUMENT, default: 'require_approval' },
      note: 'stricter',
    });
    expect(screen.getByText(/Saved as version 4; it applies to the next call/)).toBeTruthy();
    expect(core.calls.find((c) => c.channel === 'policy:diff')?.request).toEqual({ from: 3, to: 4 });
    expect(screen.getByText('+ $.rules[1]: {"id":"rule-2"}')).toBeTruthy();
  });

  it('keeps the draft across tabs and screens, asks before leaving, and guards closing the tab', async () => {
    await open();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(screen.getAllByText('● Unsaved changes').length).toBeGreaterThan(0);
    expect(unload()).toBe(true);

    fireEvent.click(screen.getByRole('tab', { name: 'Test a call' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Edit' }));
    await flush();
    expect(screen.getByText('rule-2')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Queue/ }));
    const dialog = screen.getByRole('alertdialog', { name: 'Unsaved policy changes' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(store.getState().screen).toBe('policies');

    fireEvent.click(screen.getByRole('button', { name: /Queue/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Leave, keep the draft' }));
    expect(store.getState().screen).toBe('queue');
    expect(screen.getByLabelText('unsaved changes')).toBeTruthy();
    expect(unload()).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /Policies/ }));
    await flush();
    expect(screen.getByText('rule-2')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Queue/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes and leave' }));
    expect(store.getState().policyDraft).toBeNull();
    expect(unload()).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /Policies/ }));
    await flush();
    expect(screen.queryByText('rule-2')).toBeNull();
  });

  it('shows and edits argument and command conditions and the description in the form', async () => {
    await open();
    const rule = screen.getByRole('group', { name: 'condition 1 of rule 1' });
    const program = within(rule).getByLabelText<HTMLInputElement>('Program (globs)');
    expect(program.value).toBe('ls');
    fireEvent.change(program, { target: { value: 'ls, cat,' } });
    // What was typed stays (a trailing comma is not eaten) while it means the same list.
    expect(program.value).toBe('ls, cat,');
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Listing is fine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add argument condition of rule 1' }));
    const argument = screen.getByRole('group', { name: 'condition 2 of rule 1' });
    fireEvent.change(within(argument).getByLabelText('Field'), { target: { value: 'nope' } });
    await settle();
    expect(within(argument).getByText(/Field must be args…/)).toBeTruthy();
    fireEvent.change(within(argument).getByLabelText('Field'), { target: { value: 'args.path' } });
    fireEvent.change(within(argument).getByLabelText('Operator'), { target: { value: 'glob' } });
    fireEvent.change(within(argument).getByLabelText('Values (comma-separated)'), {
      target: { value: '/tmp/*, /var/tmp/*' },
    });
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    const view = await jsonEditor();
    const rules = (JSON.parse(view.state.doc.toString()) as typeof DOCUMENT).rules;
    expect(rules[0]).toEqual({
      ...DOCUMENT.rules[0],
      description: 'Listing is fine',
      when: [
        { op: 'command', quantifier: 'every', match: { program: ['ls', 'cat'] } },
        { op: 'glob', field: 'args.path', value: ['/tmp/*', '/var/tmp/*'] },
      ],
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Form' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove condition 1 of rule 1' }));
    expect(screen.queryByLabelText('Program (globs)')).toBeNull();
  });

  it('tests a call with the draft beside the saved policy and marks a difference', async () => {
    core.respond('policy:simulate', ({ draft }: { draft?: unknown }) => ({
      action: 'require_approval',
      rule: 'default',
      reason: 'No rule matched',
      fields: null,
      ...(draft !== undefined && {
        draft: { state: 'decided', action: 'allow', rule: 'rule-2', reason: 'Matched rule rule-2' },
      }),
    }));
    await open();
    fireEvent.click(screen.getByRole('tab', { name: 'Test a call' }));
    fireEvent.click(screen.getByRole('button', { name: 'Test call' }));
    await flush();
    expect(core.calls.at(-1)?.request).not.toHaveProperty('draft');
    expect(screen.queryByLabelText('Draft decision')).toBeNull();

    fireEvent.click(screen.getByRole('tab', { name: 'Edit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Test a call' }));
    fireEvent.click(screen.getByRole('button', { name: 'Test call' }));
    await flush();
    const request = core.calls.at(-1)?.request as { draft?: { rules: unknown[] } };
    expect(request.draft?.rules).toHaveLength(2);
    expect(within(screen.getByLabelText('Draft decision')).getByText('rule-2')).toBeTruthy();
    expect(within(screen.getByLabelText('Saved policy decision')).getByText('default')).toBeTruthy();
    expect(screen.getByText('≠ The draft decides differently')).toBeTruthy();
  });

  it('edits rules in the form and asks before a disk change takes effect', async () => {
    await open();
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'deny' } });
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    expect((await jsonEditor()).state.doc.toString()).toContain('"action": "deny"');
    core.push('policy:status', {
      state: 'active',
      version: 3,
      savedAt: 0,
      pendingDiskChange: { detectedAt: 0, path: '/data/policy.json', error: null },
    });
    expect(screen.getByText(/not in effect/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Accept the change on disk' })).toBeTruthy();
  });
  it('tabs follow the ARIA pattern: one tab stop, arrow keys, Home/End, panels labelled by their tab', async () => {
    await open();
    const views = screen.getByRole('tablist', { name: 'Policy views' });
    const tabs = within(views).getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
    const panelOf = (tab: HTMLElement) => {
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      expect(panel?.getAttribute('role')).toBe('tabpanel');
      expect(panel?.getAttribute('aria-labelledby')).toBe(tab.id);
      return panel;
    };
    expect(panelOf(tabs[0] as HTMLElement)).toBeTruthy();

    act(() => (tabs[0] as HTMLElement).focus());
    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    await flush();
    const test = screen.getByRole('tab', { name: 'Test a call' });
    expect(test.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(test);
    expect(screen.getByRole('tabpanel', { name: 'Test a call' })).toBeTruthy();
    fireEvent.keyDown(test, { key: 'End' });
    await flush();
    expect(screen.getByRole('tab', { name: 'Import / export' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowRight' });
    await flush();
    // Wraps round to the first.
    expect(screen.getByRole('tab', { name: 'Edit' }).getAttribute('aria-selected')).toBe('true');
    expect(panelOf(screen.getByRole('tab', { name: 'Edit' }))?.textContent).toContain('Save');

    // With JSON that is not an object the Form tab is disabled, and the arrows skip it.
    const editor = screen.getByRole('tablist', { name: 'Editor' });
    const json = within(editor).getByRole('tab', { name: 'JSON' });
    fireEvent.click(json);
    typeInto(await jsonEditor(), '[1, 2');
    await settle();
    const form = within(editor).getByRole('tab', { name: 'Form' });
    expect((form as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(json, { key: 'ArrowLeft' });
    await flush();
    expect(json.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'JSON' })).toBeTruthy();
  });
});
