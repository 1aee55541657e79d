/**
 * Pure SQL builders for the query API. Every list is ordered by a record `seq` and paged by keyset
 * (`seq < cursor`), so a deep page costs the same as the first. Values always go in as parameters.
 */
import type { CallFilter, HistoryFilter } from './types';

/** SQL text plus its positional parameters. */
export interface SqlQuery {
  readonly sql: string;
  readonly params: (string | number)[];
}

// A call's upstream prompts and their answers, in record order, as one JSON array of {at, kind, data}.
const PROMPT_STEPS = `(SELECT json_group_array(json_object('at', p.at, 'kind', p.kind, 'data', p.data) ORDER BY p.seq)
  FROM call_steps p WHERE p.call_seq = c.seq AND p.kind IN ('prompt', 'prompt-answer')) AS p_data`;

const CALL_COLUMNS = `c.seq, c.call_id, c.session_id, c.at, c.tool, c.arguments,
  d.at AS d_at, d.data AS d_data, a.at AS a_at, a.data AS a_data, f.at AS f_at, f.data AS f_data,
  r.at AS r_at, r.data AS r_data, ${PROMPT_STEPS}`;

// The latest step of each kind: a call normally has at most one, and the newest wins if not.
const CALL_STEPS = ['decision', 'approval', 'forward', 'result']
  .map(
    (kind) =>
      `LEFT JOIN call_steps ${kind[0] ?? ''} ON ${kind[0] ?? ''}.seq = (SELECT max(seq) FROM call_steps WHERE call_seq = c.seq AND kind = '${kind}')`,
  )
  .join('\n');

const SESSION_COLUMNS = `s.seq, s.session_id, s.at, s.target_kind, s.target_name, s.server_name,
  s.upstream_transport, s.upstream, s.upstream_json,
  i.client_name, i.client_version, i.client_title, i.server_name AS peer_name, i.server_version AS peer_version,
  i.server_title AS peer_title, i.protocol_version, e.at AS e_at, e.detail,
  (SELECT count(*) FROM calls cc WHERE cc.session_id = s.session_id) AS call_count`;

const SESSION_STEPS = `
  LEFT JOIN session_inits i ON i.seq = (SELECT max(seq) FROM session_inits WHERE session_id = s.session_id)
  LEFT JOIN session_ends e ON e.seq = (SELECT max(seq) FROM session_ends WHERE session_id = s.session_id)`;

/** An FTS5 string literal: the tokenizer splits it into a phrase; no operator inside can take effect. */
function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * Turns free text into a safe FTS5 query over tool, arguments and output: every word must appear; a word
 * ending in `*` matches as a prefix. Whole words are the default because a prefix query merges the
 * doclists of every matching term, which is slow on common prefixes over a million calls.
 */
export function ftsQuery(text: string): string {
  const words = text.split(/\s+/u).filter((word) => word.replace(/\*+$/u, '') !== '');
  if (words.length === 0) throw new Error('search text is empty');
  const terms = words.map((word) =>
    word.endsWith('*') ? `${ftsString(word.replace(/\*+$/u, ''))}*` : ftsString(word),
  );
  return `{tool arguments output} : (${terms.join(' ')})`;
}

/** The FTS5 query finding candidates for an Airlock call id (confirmed by exact comparison). */
export function ftsCallIdQuery(callId: string): string {
  return `call_id : ${ftsString(callId)}`;
}

type Facet = 'host' | 'client' | 'server' | 'decision';

/** The facet filters given, most selective first (the first one drives the session scan). */
function facets(filter: HistoryFilter): [Facet, string][] {
  const all: [Facet, string | undefined][] = [
    ['host', filter.host],
    ['client', filter.client],
    ['server', filter.server],
    ['decision', filter.decision],
  ];
  return all.filter((entry): entry is [Facet, string] => entry[1] !== undefined);
}

/** Sessions matching `filter`, newest first, after `cursor`; or one session by id. */
export function sessionListSql(
  filter: HistoryFilter,
  cursor: number | null,
  limit: number,
  sessionId?: string,
): SqlQuery {
  const params: (string | number)[] = [];
  const where: string[] = [];
  const [driver, ...rest] = facets(filter);
  let from = 'sessions s';
  let key = 's.seq';
  if (driver !== undefined) {
    from = 'session_facets f0 JOIN sessions s ON s.seq = f0.session_seq';
    key = 'f0.session_seq';
    where.push('f0.facet = ? AND f0.value = ?');
    params.push(...driver);
  }
  for (const [facet, value] of rest) {
    where.push(
      'EXISTS (SELECT 1 FROM session_facets fx WHERE fx.facet = ? AND fx.value = ? AND fx.session_seq = s.seq)',
    );
    params.push(facet, value);
  }
  if (filter.from !== undefined) {
    where.push('s.at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('s.at < ?');
    params.push(filter.to);
  }
  if (sessionId !== undefined) {
    where.push('s.session_id = ?');
    params.push(sessionId);
  }
  if (cursor !== null) {
    where.push(`${key} < ?`);
    params.push(cursor);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  params.push(limit);
  return {
    sql: `SELECT ${SESSION_COLUMNS} FROM ${from} ${SESSION_STEPS} ${clause} ORDER BY ${key} DESC LIMIT ?`,
    params,
  };
}

/** Calls matching `filter` in seq order after `cursor` (newest first for `desc`); `limit` null means all. */
export function callListSql(
  filter: CallFilter,
  order: 'asc' | 'desc',
  cursor: number | null,
  limit: number | null,
): SqlQuery {
  const params: (string | number)[] = [];
  const where: string[] = [];
  const text = filter.text;
  // Driving from the FTS index keeps a search as fast as its matches; rowid there is the call's seq.
  const from = text !== undefined ? 'call_search JOIN calls c ON c.seq = call_search.rowid' : 'calls c';
  const key = text !== undefined ? 'call_search.rowid' : 'c.seq';
  if (text !== undefined) {
    where.push('call_search MATCH ?');
    params.push(ftsQuery(text));
  }
  if (filter.sessionId !== undefined) {
    where.push('c.session_id = ?');
    params.push(filter.sessionId);
  }
  if (filter.host !== undefined) {
    where.push('d.host = ?');
    params.push(filter.host);
  }
  if (filter.decision !== undefined) {
    where.push('d.label = ?');
    params.push(filter.decision);
  }
  for (const facet of ['client', 'server'] as const) {
    const value = filter[facet];
    if (value === undefined) continue;
    // Correlated, so the scan stays in seq order and stops at the page size; CROSS JOIN fixes the join
    // order to a point lookup per call instead of a walk over every session with that facet.
    where.push(
      'EXISTS (SELECT 1 FROM sessions x CROSS JOIN session_facets fx ON fx.session_seq = x.seq WHERE x.session_id = c.session_id AND fx.facet = ? AND fx.value = ?)',
    );
    params.push(facet, value);
  }
  if (filter.from !== undefined) {
    where.push('c.at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('c.at < ?');
    params.push(filter.to);
  }
  if (cursor !== null) {
    where.push(`${key} ${order === 'desc' ? '<' : '>'} ?`);
    params.push(cursor);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  let sql = `SELECT ${CALL_COLUMNS} FROM ${from} ${CALL_STEPS} ${clause} ORDER BY ${key} ${order.toUpperCase()}`;
  if (limit !== null) {
    sql += ' LIMIT ?';
    params.push(limit);
  }
  return { sql, params };
}

/** One call by seq. */
export const CALL_BY_SEQ_SQL = `SELECT ${CALL_COLUMNS} FROM calls c ${CALL_STEPS} WHERE c.seq = ?`;

/** The latest call with a given Airlock call id, found through the search index. */
export const CALL_BY_ID_INDEXED_SQL = `SELECT ${CALL_COLUMNS} FROM call_search JOIN calls c ON c.seq = call_search.rowid ${CALL_STEPS}
  WHERE call_search MATCH ? AND c.call_id = ? ORDER BY call_search.rowid DESC LIMIT 1`;

/** The latest call with a given Airlock call id, by scanning (for ids with no word characters). */
export const CALL_BY_ID_SCAN_SQL = `SELECT ${CALL_COLUMNS} FROM calls c ${CALL_STEPS} WHERE c.call_id = ? ORDER BY c.seq DESC LIMIT 1`;

/** The latest call with a given Airlock call id in a session. */
export const CALL_BY_ID_SQL = `SELECT ${CALL_COLUMNS} FROM calls c ${CALL_STEPS}
  WHERE c.session_id = ? AND c.call_id = ? ORDER BY c.seq DESC LIMIT 1`;

/** A session's events after a seq, in order. */
export const EVENTS_SQL =
  'SELECT seq, session_id, at, kind, level, source, message, data FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?';
