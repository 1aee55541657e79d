/**
 * One session's calls in order; picking one opens its detail. The History search text narrows the
 * timeline to the matching calls (matched here on tool, command, arguments, host, user, reasons and
 * prompts, plus the store's full-text hits in this session, which also cover output) and marks the
 * matches; "Show all calls" brings the rest back, still marked.
 */
import { useMemo, useState } from 'react';

import { EmptyState, ErrorNote, Loading } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { CallDetail } from './CallDetail';
import { TimelineCall } from './TimelineCall';
import { filterTimeline, searchTerms } from './timeline-search';

const NO_HITS: ReadonlySet<string> = new Set();

/** The timeline and the selected call; `search` is the History search text. */
export function SessionTimeline({ sessionId, search }: { sessionId: string; search: string }) {
  const api = useApi();
  const timeline = useLoad(sessionId, () => api.sessionTimeline(sessionId));
  const terms = useMemo(() => searchTerms(search), [search]);
  const query = terms.join(' ');
  const storeHits = useLoad(`${sessionId}\n${query}`, async () =>
    query === '' ? [] : api.searchHistory(query, sessionId),
  );
  const [callId, setCallId] = useState<string | null>(null);
  // "Show all" holds for the search it was pressed for; a new search filters again.
  const [showAllFor, setShowAllFor] = useState<string | null>(null);
  const hits = useMemo(
    // Until the store answers (or if it refuses the words), the local match alone decides.
    () => (storeHits.state === 'ready' ? new Set(storeHits.value.map((r) => r.callId)) : NO_HITS),
    [storeHits],
  );
  if (timeline.state === 'loading') return <Loading what="the timeline" />;
  if (timeline.state === 'error') return <ErrorNote message={timeline.message} onRetry={timeline.reload} />;
  if (timeline.value.length === 0) return <EmptyState title="No calls in this session" />;
  const filtered = filterTimeline(timeline.value, terms, hits);
  const showAll = query === '' || showAllFor === query;
  const rows = showAll ? timeline.value : filtered.rows;
  return (
    <div>
      <div className="button-row">
        <button type="button" onClick={timeline.reload}>
          Refresh
        </button>
        {query === '' ? null : (
          <>
            <span className="meta" role="status" data-testid="match-count">
              {filtered.matched} of {filtered.total} calls match
            </span>
            <button type="button" onClick={() => setShowAllFor(showAll ? null : query)}>
              {showAll ? 'Show only matches' : 'Show all calls'}
            </button>
          </>
        )}
      </div>
      <ol className="timeline" aria-label="Session timeline">
        {rows.map((row) => (
          <TimelineCall
            key={row.callId}
            row={row}
            terms={terms}
            selected={row.callId === callId}
            onSelect={() => setCallId(row.callId)}
          />
        ))}
      </ol>
      {callId === null ? null : <CallDetail key={callId} sessionId={sessionId} callId={callId} />}
    </div>
  );
}
