/**
 * Saving asks first: the version the draft will become and its diff against the saved version
 * (computed with the same shared diff the core uses for version history); then, once saved, says which
 * version it became, with the core's own diff of the two stored versions.
 */
import type { JsonObject } from '../../../shared/json';
import { documentDiffLines } from '../../../shared/policy/diff-lines';
import { ErrorNote, Loading } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { DiffView } from './DiffView';

/** A save that happened: from which version to which. */
export interface SavedVersion {
  readonly previous: number;
  readonly version: number;
}

/** The review before saving. */
export function SaveReview({
  saved,
  savedVersion,
  draft,
  note,
  busy,
  onNote,
  onConfirm,
  onCancel,
}: {
  saved: JsonObject;
  savedVersion: number;
  draft: JsonObject;
  note: string;
  busy: boolean;
  onNote: (note: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const versions = useLoad(`versions-for-save-${savedVersion}`, () => api.listPolicyVersions());
  const lines = documentDiffLines(saved, draft);
  // Versions are numbered in order; the new one follows the newest stored, not necessarily the active.
  const next =
    versions.state === 'ready' ? Math.max(savedVersion, ...versions.value.map((v) => v.version)) + 1 : null;
  return (
    <section className="panel save-review" aria-label="Review changes before saving">
      <h2>{next === null ? 'Review your changes' : `Save as version ${next}?`}</h2>
      <p>
        Changes against the saved version v{savedVersion} ({lines.length} line{lines.length === 1 ? '' : 's'}
        ). The new version applies to the next call.
      </p>
      <DiffView lines={lines} label={`Changes from v${savedVersion} to the draft`} />
      <label htmlFor="save-review-note">Note for this version</label>
      <input
        id="save-review-note"
        placeholder="What changed (optional)"
        value={note}
        onChange={(e) => onNote(e.target.value)}
      />
      {versions.state === 'error' ? <ErrorNote message={versions.message} onRetry={versions.reload} /> : null}
      <div className="button-row">
        <button type="button" className="primary" disabled={busy || next === null} onClick={onConfirm}>
          {next === null ? 'Save' : `Save as version ${next}`}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </section>
  );
}

/** The confirmation after saving, with the stored versions' diff from the core. */
export function SavedNotice({ saved, onDismiss }: { saved: SavedVersion; onDismiss: () => void }) {
  const api = useApi();
  const diff = useLoad(`saved-diff-${saved.previous}-${saved.version}`, () =>
    api.diffPolicyVersions(saved.previous, saved.version),
  );
  return (
    <section className="panel saved-notice" aria-label="Saved">
      <p role="status">
        ✓ Saved as version {saved.version}; it applies to the next call.{' '}
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      {diff.state === 'loading' ? <Loading what="the diff" /> : null}
      {diff.state === 'error' ? <ErrorNote message={diff.message} onRetry={diff.reload} /> : null}
      {diff.state === 'ready' ? (
        <DiffView lines={diff.value} label={`Diff from v${saved.previous} to v${saved.version}`} />
      ) : null}
    </section>
  );
}
