/** The history store (electron/history) as the console's `HistoryPort`. */
import type { ExportedFile } from '../../../shared/contract/views';
import type { HistoryQueries } from '../../history/queries';
import type { CallDetail, CallFilter } from '../../history/types';
import type { HistoryPort } from '../history-port';
import { callDetailView, sessionRow, timelineRow } from './history-rows';

const PAGE = 500;
// An export is built in memory to hand to the page; past this many calls, use `airlock history export`.
const EXPORT_LIMIT = 50_000;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // Quote everything, and defuse spreadsheet formulas (CSV injection) in agent-chosen text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

function exportCalls(calls: Iterable<CallDetail>, format: 'jsonl' | 'csv'): string {
  const lines: string[] = [];
  if (format === 'csv') {
    lines.push(
      ['at', 'session', 'call', 'tool', 'host', 'command', 'decision', 'approval', 'outcome', 'durationMs']
        .map(csvCell)
        .join(','),
    );
  }
  let count = 0;
  for (const call of calls) {
    if (++count > EXPORT_LIMIT)
      throw new Error(`More than ${EXPORT_LIMIT} calls: use \`airlock history export\` instead.`);
    if (format === 'jsonl') {
      lines.push(JSON.stringify(call));
      continue;
    }
    const row = timelineRow(call);
    lines.push(
      [
        new Date(row.at).toISOString(),
        row.sessionId,
        row.callId,
        row.tool,
        row.host,
        row.command,
        row.decision,
        row.approval,
        row.outcome,
        row.durationMs,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
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
    search(text, limit) {
      return history.search(text, {}, { limit: Math.min(limit, PAGE) }).items.map(timelineRow);
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
