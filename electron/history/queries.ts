/** The read side: session list, timeline, call detail, search, all with keyset paging. */
import type Database from 'better-sqlite3';
import {
  callListSql,
  CALL_BY_ID_INDEXED_SQL,
  CALL_BY_ID_SCAN_SQL,
  CALL_BY_ID_SQL,
  CALL_BY_SEQ_SQL,
  EVENTS_SQL,
  ftsCallIdQuery,
  sessionListSql,
  type SqlQuery,
} from './query-sql';
import {
  toCallDetail,
  toEventRecord,
  toSessionSummary,
  type CallRow,
  type EventRow,
  type SessionRow,
} from './row-mapping';
import type {
  CallDetail,
  CallFilter,
  HistoryFilter,
  Page,
  PageRequest,
  SessionSummary,
  TimelineItem,
} from './types';

/** Largest page a caller may ask for. */
export const MAX_PAGE = 500;
const DEFAULT_PAGE = 50;
// Export and timelines read in chunks this big, so a huge session never sits in memory at once.
const CHUNK = 256;

/** Read access to recorded history. */
export interface HistoryQueries {
  /** Sessions, newest first. */
  listSessions(filter?: HistoryFilter, page?: PageRequest): Page<SessionSummary>;
  /** One session by id. */
  getSession(sessionId: string): SessionSummary | undefined;
  /** A session's calls and events in record order. */
  timeline(sessionId: string, page?: PageRequest): Page<TimelineItem>;
  /** One call by its record seq. */
  getCall(seq: number): CallDetail | undefined;
  /** One call by Airlock's call id (unique across sessions); giving the session makes it a direct lookup. */
  findCall(callId: string, sessionId?: string): CallDetail | undefined;
  /** Calls, newest first (a `text` filter makes it a full-text search). */
  listCalls(filter?: CallFilter, page?: PageRequest): Page<CallDetail>;
  /** Full-text search over tool, arguments (commands) and output, newest first. */
  search(text: string, filter?: CallFilter, page?: PageRequest): Page<CallDetail>;
  /** Every matching call, oldest first, read lazily in chunks (for export). */
  iterateCalls(filter?: CallFilter): Generator<CallDetail>;
  /** A whole session timeline, read lazily in chunks (for export). */
  iterateTimeline(sessionId: string): Generator<TimelineItem>;
}

/** Parses a keyset cursor; a clear error for anything else. */
export function parseCursor(cursor: string | null | undefined): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  if (!/^\d{1,15}$/.test(cursor)) throw new Error(`invalid page cursor: ${JSON.stringify(cursor)}`);
  return Number(cursor);
}

/** Validates a page size. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new Error(`page size must be an integer from 1 to ${MAX_PAGE}, got ${limit}`);
  }
  return limit;
}

/** Builds the query API over `db`; `beforeRead` lets a writer flush pending records first. */
export function createHistoryQueries(
  db: Database.Database,
  beforeRead: () => void = () => undefined,
): HistoryQueries {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const all = <T>(query: SqlQuery): T[] => prepare(query.sql).all(...query.params) as T[];

  const callPage = (filter: CallFilter, page: PageRequest, order: 'asc' | 'desc'): Page<CallDetail> => {
    const limit = pageLimit(page.limit);
    const rows = all<CallRow>(callListSql(filter, order, parseCursor(page.cursor), limit + 1));
    const items = rows.slice(0, limit).map(toCallDetail);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]?.seq) : null };
  };

  const timelinePage = (sessionId: string, after: number, limit: number): Page<TimelineItem> => {
    const calls = all<CallRow>(callListSql({ sessionId }, 'asc', after, limit + 1));
    const events = prepare(EVENTS_SQL).all(sessionId, after, limit + 1) as EventRow[];
    const merged: TimelineItem[] = [
      ...calls.map((row): TimelineItem => ({ item: 'call', call: toCallDetail(row) })),
      ...events.map((row): TimelineItem => ({ item: 'event', event: toEventRecord(row) })),
    ].sort((x, y) => itemSeq(x) - itemSeq(y));
    const items = merged.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: merged.length > limit && last !== undefined ? String(itemSeq(last)) : null };
  };

  return {
    listSessions(filter = {}, page = {}) {
      beforeRead();
      const limit = pageLimit(page.limit);
      const rows = all<SessionRow>(sessionListSql(filter, parseCursor(page.cursor), limit + 1));
      const items = rows.slice(0, limit).map(toSessionSummary);
      return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]?.seq) : null };
    },
    getSession(sessionId) {
      beforeRead();
      const row = all<SessionRow>(sessionListSql({}, null, 1, sessionId))[0];
      return row === undefined ? undefined : toSessionSummary(row);
    },
    timeline(sessionId, page = {}) {
      beforeRead();
      return timelinePage(sessionId, parseCursor(page.cursor) ?? 0, pageLimit(page.limit));
    },
    getCall(seq) {
      beforeRead();
      const row = prepare(CALL_BY_SEQ_SQL).get(seq) as CallRow | undefined;
      return row === undefined ? undefined : toCallDetail(row);
    },
    findCall(callId, sessionId) {
      beforeRead();
      let row: CallRow | undefined;
      if (sessionId !== undefined)
        row = prepare(CALL_BY_ID_SQL).get(sessionId, callId) as CallRow | undefined;
      else if (/[\p{L}\p{N}]/u.test(callId))
        row = prepare(CALL_BY_ID_INDEXED_SQL).get(ftsCallIdQuery(callId), callId) as CallRow | undefined;
      else row = prepare(CALL_BY_ID_SCAN_SQL).get(callId) as CallRow | undefined;
      return row === undefined ? undefined : toCallDetail(row);
    },
    listCalls(filter = {}, page = {}) {
      beforeRead();
      return callPage(filter, page, 'desc');
    },
    search(text, filter = {}, page = {}) {
      beforeRead();
      return callPage({ ...filter, text }, page, 'desc');
    },
    *iterateCalls(filter = {}) {
      beforeRead();
      let cursor: string | null = null;
      do {
        const page = callPage(filter, { limit: CHUNK, cursor }, 'asc');
        yield* page.items;
        cursor = page.nextCursor;
      } while (cursor !== null);
    },
    *iterateTimeline(sessionId) {
      beforeRead();
      let after = 0;
      for (;;) {
        const page = timelinePage(sessionId, after, CHUNK);
        yield* page.items;
        if (page.nextCursor === null) return;
        after = Number(page.nextCursor);
      }
    },
  };
}

function itemSeq(item: TimelineItem): number {
  return item.item === 'call' ? item.call.seq : item.event.seq;
}
