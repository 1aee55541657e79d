/** Batch decisions on the marked items: approve all (armed) or deny all with one reason. */
import { useId, useState } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import { ErrorNote } from '../../components/states';
import { useApi, useConsole } from '../../store/store-context';
import { useArming } from './use-arming';
import { useDecide } from './use-decide';

/** The bar shown while items are marked. */
export function BatchBar({ items }: { items: readonly ApprovalItem[] }) {
  const api = useApi();
  const marked = useConsole((s) => s.marked);
  const setMarked = useConsole((s) => s.setMarked);
  const chosen = items.filter((item) => marked.has(item.id));
  const armed = useArming(chosen.map((item) => `${item.id}:${item.digest}`).join(','));
  const { busy, error, run } = useDecide();
  const [reason, setReason] = useState('');
  const id = useId();
  const targets = chosen.map(({ id: itemId, digest }) => ({ id: itemId, digest }));
  return (
    <div className="batch-bar" role="region" aria-label="Batch decision">
      <span>
        <strong>{chosen.length}</strong> marked
      </span>
      <button
        type="button"
        className="approve"
        disabled={!armed || busy}
        onClick={() => void run(() => api.approveMany(targets))}
      >
        Approve marked
      </button>
      <label htmlFor={id} className="visually-hidden">
        Reason for denying the marked calls
      </label>
      <input
        id={id}
        value={reason}
        placeholder="Reason (the agents see it)"
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="deny"
        disabled={busy || reason.trim() === ''}
        onClick={() => void run(() => api.denyMany(targets, reason.trim()))}
      >
        Deny marked
      </button>
      <button type="button" onClick={() => setMarked([])}>
        Clear marks
      </button>
      <button type="button" onClick={() => setMarked(items.map((item) => item.id))}>
        Mark all {items.length}
      </button>
      {error === null ? null : <ErrorNote message={error} />}
    </div>
  );
}
