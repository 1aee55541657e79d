/**
 * Streaming export of history as JSONL or CSV. Rows are read in chunks and written with backpressure,
 * so exporting a million calls never builds one big string.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CALL_CSV_HEADER, callCsvCells, csvLine } from './csv';
import type { HistoryQueries } from './queries';
import type { CallFilter, SessionSummary, TimelineItem } from './types';

/** Export formats. */
export type ExportFormat = 'jsonl' | 'csv';

/** One JSONL line: a session header, then timeline items exactly as the query API returns them. */
export type ExportLine = { readonly item: 'session'; readonly session: SessionSummary } | TimelineItem;

/** What to export: one session (with its events in JSONL) or every call matching a filter. */
export type ExportScope =
  | { readonly kind: 'session'; readonly sessionId: string }
  | { readonly kind: 'calls'; readonly filter: CallFilter };

function* exportLines(queries: HistoryQueries, scope: ExportScope): Generator<ExportLine> {
  if (scope.kind === 'calls') {
    for (const call of queries.iterateCalls(scope.filter)) yield { item: 'call', call };
    return;
  }
  const session = queries.getSession(scope.sessionId);
  if (session === undefined) throw new Error(`no session ${scope.sessionId} in history`);
  yield { item: 'session', session };
  yield* queries.iterateTimeline(scope.sessionId);
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes the export to `out` and returns the number of lines (calls for CSV) written. */
export async function exportHistory(
  queries: HistoryQueries,
  scope: ExportScope,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  let count = 0;
  if (format === 'csv') await write(out, csvLine(CALL_CSV_HEADER));
  for (const line of exportLines(queries, scope)) {
    if (format === 'jsonl') {
      await write(out, `${JSON.stringify(line)}\n`);
      count += 1;
    } else if (line.item === 'call') {
      // CSV is the flat call table; the session header and events are in the JSONL export.
      await write(out, csvLine(callCsvCells(line.call)));
      count += 1;
    }
  }
  return count;
}
