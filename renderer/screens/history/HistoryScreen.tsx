/** History: sessions (filtered, searchable) in the middle, the selected session's timeline and calls on the right. */
import { useState } from 'react';

import { downloadFile } from '../../components/download';
import { EmptyState, ErrorNote, Loading } from '../../components/states';
import { useAction, useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { HistoryFilters, type HistoryFilterValues } from './HistoryFilters';
import { SessionListRow } from './SessionListRow';
import { SessionTimeline } from './SessionTimeline';

/** The history screen. */
export function HistoryScreen() {
  const api = useApi();
  const [filters, setFilters] = useState<HistoryFilterValues>({});
  const [selected, setSelected] = useState<string | null>(null);
  const sessions = useLoad(JSON.stringify(filters), () => api.listHistorySessions(filters));
  const exporting = useAction();
  const exportAs = (format: 'jsonl' | 'csv') =>
    void exporting
      .run(() => api.exportHistory(format, selected ?? undefined))
      .then((file) => file !== null && downloadFile(file));
  return (
    <div className="split">
      <section className="list-pane" aria-label="Sessions">
        <header className="pane-header">
          <h1>History</h1>
          <button type="button" onClick={sessions.reload}>
            Refresh
          </button>
        </header>
        <HistoryFilters value={filters} onChange={setFilters} />
        {sessions.state === 'loading' ? <Loading what="sessions" /> : null}
        {sessions.state === 'error' ? (
          <ErrorNote message={sessions.message} onRetry={sessions.reload} />
        ) : null}
        {sessions.state === 'ready' && sessions.value.length === 0 ? (
          <EmptyState
            title={
              Object.keys(filters).length === 0
                ? 'No sessions recorded yet'
                : 'No session matches these filters'
            }
          >
            <p>
              Every agent session through Airlock is recorded here: what ran where, who approved it, and what
              came back.
            </p>
          </EmptyState>
        ) : null}
        {sessions.state === 'ready' ? (
          <ul className="scroll-list" aria-label="Recorded sessions">
            {sessions.value.map((s) => (
              <li key={s.sessionId}>
                <SessionListRow session={s} selected={s.sessionId === selected} onSelect={setSelected} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="detail-pane" aria-label="Session detail">
        <div className="button-row">
          <button type="button" disabled={exporting.busy} onClick={() => exportAs('jsonl')}>
            Export JSONL{selected === null ? ' (all)' : ''}
          </button>
          <button type="button" disabled={exporting.busy} onClick={() => exportAs('csv')}>
            Export CSV{selected === null ? ' (all)' : ''}
          </button>
        </div>
        {exporting.error === null ? null : <ErrorNote message={exporting.error} />}
        {selected === null ? (
          <p className="meta placeholder">Select a session to see its timeline.</p>
        ) : (
          <SessionTimeline key={selected} sessionId={selected} search={filters.text ?? ''} />
        )}
      </section>
    </div>
  );
}
