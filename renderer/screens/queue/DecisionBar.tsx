/**
 * The decision buttons for one held call, and its a/s/e/d keys. Approve buttons wait for the arming
 * delay; denying needs a reason (the agent reads it), so `d` only moves focus to the reason field.
 */
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import { ErrorNote } from '../../components/states';
import { useApi } from '../../store/store-context';
import { AlwaysAllowPanel } from './AlwaysAllowPanel';
import { EditPanel } from './EditPanel';
import { isTypingTarget, shortcutsPaused } from './keys';
import { useArming } from './use-arming';
import { useDecide } from './use-decide';

type Panel = 'none' | 'edit' | 'always';

/** Decision buttons, the edit and rule panels, and the deny reason. */
export function DecisionBar({ item }: { item: ApprovalItem }) {
  const api = useApi();
  const armed = useArming(`${item.id}:${item.digest}`);
  const { busy, error, run } = useDecide();
  const [panel, setPanel] = useState<Panel>('none');
  const [reason, setReason] = useState('');
  const [reasonHint, setReasonHint] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();

  // Without the tool's input schema an edit cannot be checked, and the core refuses it.
  const editable = item.inputSchema !== null;
  const approve = (scope: 'once' | 'session') => {
    if (armed && !busy) void run(() => api.approve(item.id, item.digest, scope));
  };
  const deny = () => {
    if (reason.trim() === '') {
      setReasonHint(true);
      reasonRef.current?.focus();
      return;
    }
    if (!busy) void run(() => api.deny(item.id, item.digest, reason.trim()));
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (isTypingTarget(event) || shortcutsPaused()) return;
    switch (event.key) {
      case 'a':
        approve('once');
        break;
      case 's':
        approve('session');
        break;
      case 'e':
        if (editable) setPanel('edit');
        break;
      case 'd':
        // Never deny on a single keystroke: move to the reason field instead.
        reasonRef.current?.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="decisions">
      <div className={armed ? 'button-row armed' : 'button-row arming'}>
        <button type="button" className="approve" disabled={!armed || busy} onClick={() => approve('once')}>
          Approve
        </button>
        <button
          type="button"
          className="approve"
          disabled={!armed || busy}
          onClick={() => approve('session')}
        >
          Approve for session
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => setPanel('always')}
          aria-expanded={panel === 'always'}
        >
          Always allow…
        </button>
        <button
          type="button"
          disabled={busy || !editable}
          title={
            editable
              ? undefined
              : 'The tool input schema is unknown (the agent never listed tools), so an edit cannot be checked.'
          }
          onClick={() => setPanel('edit')}
          aria-expanded={panel === 'edit'}
        >
          Edit and approve
        </button>
      </div>
      {panel === 'edit' ? (
        <EditPanel
          item={item}
          armed={armed}
          busy={busy}
          onApprove={(args) => void run(() => api.editAndApprove(item.id, item.digest, args))}
          onCancel={() => setPanel('none')}
        />
      ) : null}
      {panel === 'always' ? (
        <AlwaysAllowPanel
          item={item}
          armed={armed}
          busy={busy}
          onSave={(rule) => void run(() => api.alwaysAllow(item.id, item.digest, rule))}
          onCancel={() => setPanel('none')}
        />
      ) : null}
      <div className="deny-row">
        <label htmlFor={reasonId}>Reason for denial (the agent sees it)</label>
        <textarea
          id={reasonId}
          ref={reasonRef}
          className="reason"
          rows={2}
          value={reason}
          aria-invalid={reasonHint && reason.trim() === ''}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              deny();
            } else if (event.key === 'Escape') {
              event.currentTarget.blur();
            }
          }}
        />
        {reasonHint && reason.trim() === '' ? <p className="inline-errors">✕ Write a reason first.</p> : null}
        <button type="button" className="deny" disabled={busy} onClick={deny}>
          Deny
        </button>
      </div>
      {error === null ? null : <ErrorNote message={error} />}
    </div>
  );
}
