/**
 * Asked when the operator leaves the Policies screen with unsaved changes: the draft is kept in the
 * store either way unless they discard it, but it is not in effect until saved, so they are told.
 */
import { useEffect, useRef } from 'react';

import { useConsole } from '../../store/store-context';

/** The in-app confirmation; renders nothing unless a leave is pending. */
export function UnsavedChangesDialog() {
  const leavingTo = useConsole((s) => s.leavingTo);
  const resolveLeave = useConsole((s) => s.resolveLeave);
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (leavingTo !== null) stay.current?.focus();
  }, [leavingTo]);
  if (leavingTo === null) return null;
  return (
    <div className="modal-backdrop">
      <div
        className="modal panel"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="unsaved-title"
        aria-describedby="unsaved-text"
        onKeyDown={(e) => e.key === 'Escape' && resolveLeave('stay')}
      >
        <h2 id="unsaved-title">Unsaved policy changes</h2>
        <p id="unsaved-text">
          Your changes to the policy are not saved, so they are not in effect. Keep them as a draft to come
          back to, or discard them.
        </p>
        <div className="button-row">
          <button ref={stay} type="button" onClick={() => resolveLeave('stay')}>
            Keep editing
          </button>
          <button type="button" onClick={() => resolveLeave('keep')}>
            Leave, keep the draft
          </button>
          <button type="button" onClick={() => resolveLeave('discard')}>
            Discard changes and leave
          </button>
        </div>
      </div>
    </div>
  );
}
