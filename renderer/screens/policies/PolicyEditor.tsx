/**
 * Edits the policy as a form or as raw JSON (one text underneath, so the two never disagree), with
 * inline validation from the core's schema, and saves a new version.
 */
import { useId, useState } from 'react';

import type { PolicyDocumentView } from '../../../shared/contract/views';
import { isJsonObject, type JsonObject } from '../../../shared/json';
import { ErrorNote } from '../../components/states';
import { useAction } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { IssueList } from './IssueList';
import { PolicyForm } from './PolicyForm';
import { useValidation } from './use-validation';

function parseObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The editor for the active policy; `onSaved` runs after a new version is saved. */
export function PolicyEditor({ active, onSaved }: { active: PolicyDocumentView; onSaved: () => void }) {
  const api = useApi();
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [text, setText] = useState(() => JSON.stringify(active.document, null, 2));
  const [note, setNote] = useState('');
  const validation = useValidation(text);
  const { busy, error, done, run } = useAction();
  const issuesId = useId();
  const draft = parseObject(text);
  const changed = text !== JSON.stringify(active.document, null, 2);
  const valid = validation?.report.valid === true;
  return (
    <section aria-label="Policy editor">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'form'}
          disabled={draft === null}
          onClick={() => setMode('form')}
        >
          Form
        </button>
        <button type="button" role="tab" aria-selected={mode === 'json'} onClick={() => setMode('json')}>
          JSON
        </button>
      </div>
      {mode === 'form' && draft !== null ? (
        <PolicyForm draft={draft} onChange={(doc) => setText(JSON.stringify(doc, null, 2))} />
      ) : (
        <>
          <label htmlFor={`${issuesId}-json`}>Policy JSON</label>
          <textarea
            id={`${issuesId}-json`}
            className="json-editor"
            spellCheck={false}
            rows={24}
            value={text}
            aria-invalid={validation !== null && !validation.report.valid}
            aria-describedby={issuesId}
            onChange={(e) => setText(e.target.value)}
          />
        </>
      )}
      <IssueList id={issuesId} issues={validation?.report.issues ?? []} />
      <div className="button-row">
        <label htmlFor={`${issuesId}-note`} className="visually-hidden">
          Note for this version
        </label>
        <input
          id={`${issuesId}-note`}
          placeholder="What changed (optional)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="button"
          disabled={busy || !changed || !valid || draft === null}
          onClick={() =>
            draft !== null &&
            void run(
              () => api.savePolicy(draft, note.trim() === '' ? undefined : note.trim()),
              (saved) => `Saved as version ${saved.version}; it applies to the next call.`,
            ).then((saved) => saved !== null && onSaved())
          }
        >
          Save policy
        </button>
        <button
          type="button"
          disabled={busy || !changed}
          onClick={() => setText(JSON.stringify(active.document, null, 2))}
        >
          Discard changes
        </button>
        <span className="meta">
          {validation === null
            ? 'Checking…'
            : valid
              ? '✓ valid'
              : `✕ ${validation.report.issues.length} problem(s)`}
        </span>
      </div>
      {done === null ? null : <p role="status">✓ {done}</p>}
      {error === null ? null : <ErrorNote message={error} />}
    </section>
  );
}
