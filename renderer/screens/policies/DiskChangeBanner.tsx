/** A policy file changed on disk: it takes effect only when the operator accepts it here. */
import type { PendingDiskChange } from '../../../shared/contract/views';
import { ErrorNote } from '../../components/states';
import { formatTime } from '../../components/time';
import { useAction } from '../../components/use-load';
import { useApi } from '../../store/store-context';

/** The confirmation banner. */
export function DiskChangeBanner({ change }: { change: PendingDiskChange }) {
  const api = useApi();
  const { busy, error, run } = useAction();
  return (
    <div className="warning-banner" role="alert">
      <p>
        ⚠ The policy file <code>{change.path}</code> changed on disk at {formatTime(change.detectedAt)}. It is{' '}
        <strong>not in effect</strong> until you accept it.
      </p>
      {change.error === null ? null : <p>✕ It does not validate: {change.error}</p>}
      <div className="button-row">
        <button
          type="button"
          disabled={busy || change.error !== null}
          onClick={() => void run(() => api.resolveDiskChange(true))}
        >
          Accept the change on disk
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => api.resolveDiskChange(false))}>
          Keep the current policy
        </button>
      </div>
      {error === null ? null : <ErrorNote message={error} />}
    </div>
  );
}
