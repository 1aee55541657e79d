/**
 * Edits the policy as a form or as JSON (one text underneath, so the two never disagree), with inline
 * validation from the core's schema. The draft lives in the store, so switching tabs or screens keeps
 * it; saving goes through a review (version number and diff) and ends with a confirmation.
 */
import { lazy, Suspense, useId, useState } from 'react';

import type { PolicyDocumentView } from '../../../shared/contract/views';
import { ErrorNote, Loading } from '../../components/states';
import { TabList, TabPanel } from '../../components/Tabs';
import { useAction } from '../../components/use-load';
import { draftFor, isDirty, startDraft } from '../../store/policy-draft-state';
import { useApi, useConsole } from '../../store/store-context';
import { IssueList } from './IssueList';
import { parseObject } from './policy-draft';
import { PolicyForm } from './PolicyForm';
import { SavedNotice, SaveReview, type SavedVersion } from './SaveReview';
import { useValidation } from './use-validation';

// CodeMirror is about half the console's script: it loads when the JSON tab first opens.
const JsonCodeEditor = lazy(() => import('./JsonCodeEditor').then((m) => ({ default: m.JsonCodeEditor })));

/**
 * The editor for the active policy. `saved` is the last save's confirmation (kept by the screen, since
 * the editor reloads with the new version); `onSaved` runs after a new version is saved.
 */
export function PolicyEditor({
  active,
  saved,
  onSaved,
  onDismissSaved,
}: {
  active: PolicyDocumentView;
  saved: SavedVersion | null;
  onSaved: (saved: SavedVersion) => void;
  onDismissSaved: () => void;
}) {
  const api = useApi();
  const kept = useConsole((s) => s.policyDraft);
  const setDraft = useConsole((s) => s.setPolicyDraft);
  const mode = useConsole((s) => s.policyEditMode);
  const setMode = useConsole((s) => s.setPolicyEditMode);
  const [reviewing, setReviewing] = useState(false);
  const draft = draftFor(kept, active);
  const validation = useValidation(draft.text);
  const { busy, error, run } = useAction();
  const issuesId = useId();
  const tabPrefix = useId();
  const document = parseObject(draft.text);
  const dirty = isDirty(draft);
  const valid = validation?.report.valid === true;
  const issues = validation?.report.issues ?? [];
  const setText = (text: string) => {
    if (saved !== null) onDismissSaved();
    setDraft({ ...draft, text });
  };

  const save = () => {
    if (document === null) return;
    const note = draft.note.trim();
    void run(() => api.savePolicy(document, note === '' ? undefined : note)).then((view) => {
      if (view === null) return;
      setDraft(startDraft(view));
      setReviewing(false);
      onSaved({ previous: active.version, version: view.version });
    });
  };

  return (
    <section aria-label="Policy editor" className="policy-editor">
      {dirty && draft.baseVersion !== active.version ? (
        <p className="warning-banner" role="alert">
          ⚠ This draft started from v{draft.baseVersion}; v{active.version} is active now. Saving replaces v
          {active.version} with your draft: check the diff in the review.
        </p>
      ) : null}
      {saved === null ? null : <SavedNotice saved={saved} onDismiss={onDismissSaved} />}
      {reviewing && document !== null ? (
        <SaveReview
          saved={active.document}
          savedVersion={active.version}
          draft={document}
          note={draft.note}
          busy={busy}
          onNote={(note) => setDraft({ ...draft, note })}
          onConfirm={save}
          onCancel={() => setReviewing(false)}
        />
      ) : (
        <>
          <TabList
            label="Editor"
            prefix={tabPrefix}
            items={[
              {
                id: 'form',
                label: 'Form',
                disabled: document === null,
                ...(document === null ? { title: 'Fix the JSON first: the form needs a JSON object' } : {}),
              },
              { id: 'json', label: 'JSON' },
            ]}
            selected={mode === 'form' && document !== null ? 'form' : 'json'}
            onSelect={setMode}
          />
          {mode === 'form' && document !== null ? (
            <TabPanel prefix={tabPrefix} tab="form">
              <PolicyForm
                draft={document}
                issues={issues}
                onChange={(doc) => setText(JSON.stringify(doc, null, 2))}
              />
            </TabPanel>
          ) : (
            <TabPanel prefix={tabPrefix} tab="json">
              <Suspense fallback={<Loading what="the JSON editor" />}>
                <JsonCodeEditor
                  value={draft.text}
                  onChange={setText}
                  issues={validation === null ? [] : issues}
                  label="Policy JSON"
                />
              </Suspense>
            </TabPanel>
          )}
          <IssueList id={issuesId} issues={issues} />
        </>
      )}
      <div className="save-bar" role="region" aria-label="Save">
        {dirty ? (
          <span className="badge tone-held unsaved-marker">● Unsaved changes</span>
        ) : (
          <span className="meta">No unsaved changes</span>
        )}
        <span className="meta" aria-live="polite">
          {validation === null
            ? 'Checking…'
            : valid
              ? '✓ valid'
              : `✕ ${validation.report.issues.length} problem(s)`}
        </span>
        <button
          type="button"
          className="primary"
          disabled={busy || reviewing || !dirty || !valid || document === null}
          onClick={() => setReviewing(true)}
        >
          Save policy…
        </button>
        <button
          type="button"
          disabled={busy || !dirty}
          onClick={() => {
            setReviewing(false);
            setDraft(null);
          }}
        >
          Discard changes
        </button>
      </div>
      {error === null ? null : <ErrorNote message={error} />}
    </section>
  );
}
