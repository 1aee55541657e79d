/** One recorded session in the History list: server, client, when, calls, how it ended, the MCP revision. */
import type { HistorySessionRow } from '../../../shared/contract/history-views';
import { UntrustedText } from '../../components/SafeTextView';
import { formatTime } from '../../components/time';

/** A session row as a button that selects it. */
export function SessionListRow({
  session: s,
  selected,
  onSelect,
}: {
  readonly session: HistorySessionRow;
  readonly selected: boolean;
  readonly onSelect: (sessionId: string) => void;
}) {
  return (
    <button type="button" className="row" aria-current={selected} onClick={() => onSelect(s.sessionId)}>
      <strong>
        <UntrustedText value={s.serverName} />
      </strong>{' '}
      · <UntrustedText value={s.clientName ?? 'unknown client'} />
      <div className="meta">
        {formatTime(s.startedAt)} · {s.callCount} calls ·{' '}
        {s.endedAt === null ? 'live' : `ended (${s.endReason ?? 'unknown'})`}
        {s.protocolVersion === null ? null : (
          <>
            {' '}
            · MCP <UntrustedText value={s.protocolVersion} />
            {s.era === 'modern' ? ' (stateless)' : ''}
          </>
        )}
      </div>
    </button>
  );
}
