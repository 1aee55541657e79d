/** The history store (electron/history) as the console's `HistoryPort`. */
import type { ExportedFile } from '../../../shared/contract/views';
import { CALL_CSV_HEADER, callCsvCells, csvLine } from '../../history/csv';
import type { HistoryQueries } from '../../history/queries';
import type { CallDetail, CallFilter } from '../../history/types';
import type { HistoryPort } from '../history-port';
import { callDetailView, sessionRow, timelineRow } from './history-rows';

const PAGE = 500;
// An export is built in memory to hand to the page; past this many calls, use `airlock history export`.
const EXPORT_LIMIT = 50_000;

/**
 * The export as one text: JSONL of call details, or the CSV of `airlock history export --format csv`
 * (same writer, same columns).
 */
function exportCalls(calls: Iterable<CallDetail>, format: 'jsonl' | 'csv'): string {
  const lines: string[] = format === 'csv' ? [csvLine(CALL_CSV_HEADER)] : [];
  let count = 0;
  for (const call of calls) {
    if (++count > EXPORT_LIMIT)
      throw new Error(`More than ${EXPORT_LIMIT} calls: use \`airlock history export\` instead.`);
    lines.push(format === 'jsonl' ? `${JSON.stringify(call)}\n` : csvLine(callCsvCells(call)));
  }
  return lines.join('');
}

/** Adapts the history queries. */
export function historyPort(history: HistoryQueries): HistoryPort {
  return {
    sessions(filters) {
      const filter = {
        ...(filters.client === undefined ? {} : { client: filters.client }),
        ...(filters.server === undefined ? {} : { server: filters.server }),
        ...(filters.host === undefined ? {} : { host: filters.host }),
        ...(filters.decision === undefined ? {} : { decision: filters.decision }),
      };
      const limit = Math.min(filters.limit ?? 200, PAGE);
      const page = history.listSessions(filter, { limit });
      if (filters.text === undefined || filters.text.trim() === '') return page.items.map(sessionRow);
      // A text filter keeps the sessions with at least one matching call.
      const matching = new Set(
        history.search(filters.text, filter, { limit: PAGE }).items.map((c) => c.sessionId),
      );
      return page.items.filter((s) => matching.has(s.sessionId)).map(sessionRow);
    },
    timeline(sessionId) {
      const rows = [];
      for (const entry of history.iterateTimeline(sessionId))
        if (entry.item === 'call') rows.push(timelineRow(entry.call));
      return rows;
    },
    call(sessionId, callId) {
      const call = history.findCall(callId, sessionId);
      if (call === undefined) throw new Error('No call with that id in history.');
      return callDetailView(call);
    },
    search(text, limit, sessionId) {
      const filter: CallFilter = sessionId === null ? {} : { sessionId };
      return history.search(text, filter, { limit: Math.min(limit, PAGE) }).items.map(timelineRow);
    },
    export(format, sessionId): ExportedFile {
      const filter: CallFilter = sessionId === null ? {} : { sessionId };
      const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
      return {
        fileName: `airlock-history-${sessionId ?? 'all'}-${stamp}.${format}`,
        mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
        text: exportCalls(history.iterateCalls(filter), format),
      };
    },
  };
}
