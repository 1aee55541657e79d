/** One session's calls in order; picking one opens its detail. */
import { useState } from 'react';

import { OutcomeBadge } from '../../components/badges';
import { UntrustedText } from '../../components/SafeTextView';
import { EmptyState, ErrorNote, Loading } from '../../components/states';
import { formatTime } from '../../components/time';
import { useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { CallDetail } from './CallDetail';

/** The timeline and the selected call. */
export function SessionTimeline({ sessionId }: { sessionId: string }) {
  const api = useApi();
  const timeline = useLoad(sessionId, () => api.sessionTimeline(sessionId));
  const [callId, setCallId] = useState<string | null>(null);
  if (timeline.state === 'loading') return <Loading what="the timeline" />;
  if (timeline.state === 'error') return <ErrorNote message={timeline.message} onRetry={timeline.reload} />;
  if (timeline.value.length === 0) return <EmptyState title="No calls in this session" />;
  return (
    <div>
      <div className="button-row">
        <button type="button" onClick={timeline.reload}>
          Refresh
        </button>
      </div>
      <ol className="timeline" aria-label="Session timeline">
        {timeline.value.map((row) => (
          <li key={row.callId}>
            <button
              type="button"
              className="link"
              aria-current={row.callId === callId}
              onClick={() => setCallId(row.callId)}
            >
              {formatTime(row.at)} · <UntrustedText value={row.tool} />
            </button>{' '}
            {row.decision === null ? null : <OutcomeBadge word={row.decision} />}{' '}
            {row.approval === null ? null : <OutcomeBadge word={row.approval} />}{' '}
            {row.outcome === null ? null : <OutcomeBadge word={row.outcome} />}
            {row.command === null ? null : (
              <div className="mono row-command">
                <UntrustedText value={row.command} maxLength={300} />
              </div>
            )}
          </li>
        ))}
      </ol>
      {callId === null ? null : <CallDetail key={callId} sessionId={sessionId} callId={callId} />}
    </div>
  );
}
