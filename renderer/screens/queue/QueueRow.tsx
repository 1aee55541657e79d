/** One row of the queue list: mark box, tool, command preview, where, age, risk. */
import { memo } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import { RiskBadge } from '../../components/badges';
import { SafeTextView, UntrustedText } from '../../components/SafeTextView';
import { formatDuration } from '../../components/time';

/** Fixed row height: the list is windowed by it. */
export const ROW_HEIGHT = 76;

/** A queue row, positioned absolutely at `top`. */
export const QueueRow = memo(function QueueRow({
  item,
  top,
  selected,
  marked,
  now,
  onSelect,
  onMark,
}: {
  item: ApprovalItem;
  top: number;
  selected: boolean;
  marked: boolean;
  now: number;
  onSelect: (id: string) => void;
  onMark: (id: string) => void;
}) {
  const flagged = item.risk.flags.length > 0 || (item.command?.flags.length ?? 0) > 0;
  return (
    <li
      className={selected ? 'queue-row selected' : 'queue-row'}
      style={{ top, height: ROW_HEIGHT }}
      aria-selected={selected}
      role="option"
      data-id={item.id}
      onClick={() => onSelect(item.id)}
    >
      <input
        type="checkbox"
        checked={marked}
        aria-label={`Mark ${item.tool} call for a batch decision`}
        onClick={(event) => event.stopPropagation()}
        onChange={() => onMark(item.id)}
      />
      <div className="row-main">
        <div className="row-title">
          <UntrustedText value={item.tool} className="mono" />
          <span className="row-where">
            <UntrustedText value={item.serverName} />
            {item.target.host === null ? null : (
              <>
                {' → '}
                <SafeTextView text={item.target.host} />
              </>
            )}
          </span>
        </div>
        <div className="row-command mono">
          {item.command === null ? (
            item.message === null ? (
              '—'
            ) : (
              <SafeTextView text={item.message} />
            )
          ) : (
            <SafeTextView text={item.command} />
          )}
        </div>
        <div className="row-meta">
          <RiskBadge riskClass={item.risk.class} />
          {flagged ? <span className="badge flag">⚠ flagged</span> : null}
          <span>waiting {formatDuration(now - item.createdAt)}</span>
        </div>
      </div>
    </li>
  );
});
