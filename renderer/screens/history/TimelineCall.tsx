/**
 * One call on a session timeline, as an auditor reads it: the command (cut short, whole on request),
 * host → user, what became of it and who decided, how long it waited for a human and ran upstream, and
 * the upstream's own prompts. Every agent or upstream string goes through the sanitiser, with the
 * in-session search's matches marked.
 */
import { useState } from 'react';

import type { TimelineRow } from '../../../shared/contract/views';
import { sanitize } from '../../../shared/safe-text';
import { OutcomeBadge, RiskBadge } from '../../components/badges';
import { formatTime } from '../../components/time';
import { CallPrompts } from './CallPrompts';
import { HighlightedText } from './HighlightedText';
import { deciderLabel, formatElapsed } from './history-words';

// Past this many characters a command is cut in the row, with a button to show it whole.
const COMMAND_PREVIEW = 160;

/** The row; `terms` are the search words to mark. */
export function TimelineCall({
  row,
  terms,
  selected,
  onSelect,
}: {
  row: TimelineRow;
  terms: readonly string[];
  selected: boolean;
  onSelect: () => void;
}) {
  const [whole, setWhole] = useState(false);
  const decider = deciderLabel(row.decider);
  // The sanitiser counts what a cut would hide, in the same units as its cap.
  const long = row.command !== null && sanitize(row.command, { maxLength: COMMAND_PREVIEW }).hidden > 0;
  return (
    <li data-testid="timeline-call">
      <div className="timeline-head">
        <button type="button" className="link" aria-current={selected} onClick={onSelect}>
          {formatTime(row.at)} · <HighlightedText value={row.tool} terms={terms} />
        </button>{' '}
        <span data-testid="row-verdict">
          <OutcomeBadge word={row.verdict} />
        </span>{' '}
        {decider === null ? null : (
          <span className="decider" data-testid="row-decider">
            {decider}
          </span>
        )}{' '}
        {row.outcome === null ? null : <OutcomeBadge word={row.outcome} />}
      </div>
      {row.command === null ? null : (
        <div className="row-command-line">
          <div className={whole ? 'mono row-command whole' : 'mono row-command'} data-testid="row-command">
            <HighlightedText
              value={row.command}
              terms={terms}
              {...(whole ? {} : { maxLength: COMMAND_PREVIEW })}
            />
          </div>
          {long ? (
            <button type="button" className="link" onClick={() => setWhole(!whole)}>
              {whole ? 'Show less' : 'Show full command'}
            </button>
          ) : null}
        </div>
      )}
      <div className="row-meta" data-testid="row-meta">
        {row.host === null && row.user === null ? null : (
          <span data-testid="row-target">
            <HighlightedText value={row.host ?? '?'} terms={terms} /> →{' '}
            <HighlightedText value={row.user ?? '?'} terms={terms} />
          </span>
        )}
        {row.risk === null ? null : <RiskBadge riskClass={row.risk} />}
        {row.decision === null ? null : (
          <span>
            policy <OutcomeBadge word={row.decision} />
            {row.rule === null ? null : (
              <>
                {' '}
                <HighlightedText value={row.rule} terms={terms} />
              </>
            )}
          </span>
        )}
        {row.waitedMs === null ? null : (
          <span data-testid="row-waited">waited {formatElapsed(row.waitedMs)}</span>
        )}
        {row.ranMs === null ? null : <span data-testid="row-ran">ran {formatElapsed(row.ranMs)}</span>}
      </div>
      {row.denyReason === null && row.reason === null ? null : (
        <div className="row-meta">
          {row.denyReason === null ? (
            <HighlightedText value={row.reason ?? ''} terms={terms} />
          ) : (
            <>
              operator&apos;s reason: <HighlightedText value={row.denyReason} terms={terms} />
            </>
          )}
        </div>
      )}
      <CallPrompts prompts={row.prompts} compact terms={terms} />
    </li>
  );
}
