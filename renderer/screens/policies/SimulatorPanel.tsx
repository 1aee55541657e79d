/**
 * "Test a call": what the saved policy would decide for a call, without running anything, and beside
 * it what the operator's unsaved draft would decide (the core decides both with the same gate and the
 * same call fields), marked when they differ.
 */
import { useId, useState } from 'react';

import type { DraftSimulation, PolicyDocumentView, SimulationResult } from '../../../shared/contract/views';
import { isJsonObject, type JsonObject } from '../../../shared/json';
import { OutcomeBadge } from '../../components/badges';
import { UntrustedText } from '../../components/SafeTextView';
import { ErrorNote } from '../../components/states';
import { useAction } from '../../components/use-load';
import { draftFor, isDirty } from '../../store/policy-draft-state';
import { useApi, useConsole } from '../../store/store-context';
import { parseObject } from './policy-draft';

/** Whether the draft decides differently from the saved policy. */
export function decidesDifferently(saved: SimulationResult, draft: DraftSimulation | undefined): boolean {
  if (draft === undefined) return false;
  switch (draft.state) {
    case 'invalid':
      return false;
    case 'decided':
      return draft.action !== saved.action || draft.rule !== saved.rule;
  }
}

/** The simulator form and its answers; `active` is the saved policy the draft is compared with. */
export function SimulatorPanel({ active }: { active: PolicyDocumentView }) {
  const api = useApi();
  const id = useId();
  const kept = useConsole((s) => s.policyDraft);
  const [server, setServer] = useState('prod');
  const [tool, setTool] = useState('exec');
  const [args, setArgs] = useState('{\n  "command": "uptime"\n}');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const { busy, error, run } = useAction();
  const draft = draftFor(kept, active);
  const draftDocument: JsonObject | null = isDirty(draft) ? parseObject(draft.text) : null;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(args);
  } catch {
    parsed = null;
  }
  const argsOk = isJsonObject(parsed);
  const differs = result !== null && decidesDifferently(result, result.draft);
  return (
    <section className="panel" aria-label="Test a call">
      <h2>Test a call</h2>
      <p className="meta">
        {draftDocument === null
          ? `Tests the saved policy v${active.version}${isDirty(draft) ? ' (the draft is not valid JSON, so it is left out)' : ''}.`
          : `Tests the saved policy v${active.version} and your unsaved draft side by side.`}
      </p>
      <div className="form-grid">
        <label htmlFor={`${id}-server`}>Server</label>
        <input id={`${id}-server`} value={server} onChange={(e) => setServer(e.target.value)} />
        <label htmlFor={`${id}-tool`}>Tool</label>
        <input id={`${id}-tool`} value={tool} onChange={(e) => setTool(e.target.value)} />
        <label htmlFor={`${id}-args`}>Arguments (JSON)</label>
        <textarea
          id={`${id}-args`}
          className="json-editor"
          rows={5}
          value={args}
          aria-invalid={!argsOk}
          onChange={(e) => setArgs(e.target.value)}
        />
      </div>
      {argsOk ? null : <p className="inline-errors">✕ Arguments must be a JSON object.</p>}
      <button
        type="button"
        disabled={busy || !argsOk || server === '' || tool === ''}
        onClick={() =>
          isJsonObject(parsed) &&
          void run(() => api.simulateCall(server, tool, parsed, draftDocument ?? undefined)).then(
            (r) => r !== null && setResult(r),
          )
        }
      >
        Test call
      </button>
      {error === null ? null : <ErrorNote message={error} />}
      {result === null ? null : (
        <div role="status">
          {result.draft === undefined ? null : (
            <p className={differs ? 'badge tone-held' : 'meta'}>
              {differs ? '≠ The draft decides differently' : '= The draft decides the same'}
            </p>
          )}
          <div className="simulation-columns">
            <div className="simulation" aria-label="Saved policy decision">
              <h3>Saved policy (v{active.version})</h3>
              <OutcomeBadge word={result.action} /> by rule <code>{result.rule}</code>:{' '}
              <UntrustedText value={result.reason} />
            </div>
            {result.draft === undefined ? null : <DraftAnswer draft={result.draft} />}
          </div>
          {result.warning === undefined ? null : (
            <p className="warning-banner">
              <UntrustedText value={result.warning} />
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function DraftAnswer({ draft }: { draft: DraftSimulation }) {
  switch (draft.state) {
    case 'invalid':
      return (
        <div className="simulation" aria-label="Draft decision">
          <h3>Your draft (unsaved)</h3>
          <p className="inline-errors">
            ✕ <UntrustedText value={draft.message} />
          </p>
        </div>
      );
    case 'decided':
      return (
        <div className="simulation" aria-label="Draft decision">
          <h3>Your draft (unsaved)</h3>
          <OutcomeBadge word={draft.action} /> by rule <code>{draft.rule}</code>:{' '}
          <UntrustedText value={draft.reason} />
        </div>
      );
  }
}
