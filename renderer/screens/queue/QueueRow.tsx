/** One row of the queue list: mark box, tool, command preview, where, age, risk. */
import { memo } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import { RiskBadge } from '../../components/badges';
import { SafeTextView, UntrustedText } from '../../components/SafeTextView';
import { formatDuration } from '../../components/time';

/** Fixed row height: the list is windowed by it. */
export const ROW_HEIGHT = 76;

/** The DOM id of an item's option, for the listbox's `aria-activedescendant`. */
export function optionId(itemId: string): string {
  return `queue-option-${itemId.replace(/[^\w-]/g, '_')}`;
}

/**
 * A queue row, positioned absolutely at `top`. The row is a listbox option (selection = the call in
 * review; `aria-checked` = marked for a batch); the mark box is for the mouse, `x` or Space for keys.
 */
export const QueueRow = memo(function QueueRow({
  item,
  top,
  position,
  setSize,
  selected,
  marked,
  now,
  onSelect,
  onMark,
}: {
  item: ApprovalItem;
  top: number;
  /** 1-based place in the whole queue (the list is windowed, so the DOM does not tell). */
  position: number;
  setSize: number;
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
      id={optionId(item.id)}
      aria-selected={selected}
      aria-checked={marked}
      aria-posinset={position}
      aria-setsize={setSize}
      role="option"
      data-id={item.id}
      onClick={() => onSelect(item.id)}
    >
      <span
        className={marked ? 'mark-box marked' : 'mark-box'}
        aria-hidden="true"
        data-testid="mark-box"
        title={`Mark this ${item.tool} call for a batch decision (x)`}
        onClick={(event) => {
          event.stopPropagation();
          onMark(item.id);
        }}
      >
        {marked ? '☑' : '☐'}
      </span>
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
