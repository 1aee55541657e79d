/** Version history: every saved policy, a diff against the active one, and rollback. */
import { useState } from 'react';

import type { DiffLine } from '../../../shared/contract/views';
import { ErrorNote, Loading } from '../../components/states';
import { formatTime } from '../../components/time';
import { useAction, useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { DiffView } from './DiffView';

/** The version list for the active version `current`. */
export function VersionsPanel({ current, onRolledBack }: { current: number; onRolledBack: () => void }) {
  const api = useApi();
  const versions = useLoad(`versions-${current}`, () => api.listPolicyVersions());
  const [diff, setDiff] = useState<{ version: number; lines: readonly DiffLine[] } | null>(null);
  const { busy, error, run } = useAction();
  if (versions.state === 'loading') return <Loading what="versions" />;
  if (versions.state === 'error') return <ErrorNote message={versions.message} onRetry={versions.reload} />;
  return (
    <section className="panel" aria-label="Version history">
      <h2>Version history</h2>
      <ul className="version-list">
        {versions.value.map((entry) => (
          <li key={entry.version}>
            <strong>v{entry.version}</strong> · {formatTime(entry.savedAt)} · {entry.source}
            {entry.note === null ? null : <> · “{entry.note}”</>}
            {entry.version === current ? (
              <span className="badge tone-good"> ✓ active</span>
            ) : (
              <>
                {' '}
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(() => api.diffPolicyVersions(entry.version, current)).then(
                      (lines) => lines !== null && setDiff({ version: entry.version, lines }),
                    )
                  }
                >
                  Diff v{entry.version} → v{current}
                </button>{' '}
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(() => api.rollbackPolicy(entry.version)).then(
                      (r) => r !== null && onRolledBack(),
                    )
                  }
                >
                  Roll back to v{entry.version}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {error === null ? null : <ErrorNote message={error} />}
      {diff === null ? null : (
        <DiffView lines={diff.lines} label={`Diff from v${diff.version} to v${current}`} />
      )}
    </section>
  );
}
