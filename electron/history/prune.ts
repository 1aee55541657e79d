/**
 * Applies retention: removes a chain prefix chosen by `planRetention`, records a checkpoint holding the
 * hash of the last removed record (verification restarts from it), and appends a chained `pruned` event
 * so a checkpoint cannot be forged without breaking the chain after it.
 */
import type Database from 'better-sqlite3';
import { hashOfRecord, type ChainAppender } from './chain-appender';
import { recordJson } from './record-json';
import { planRetention, type RetentionUnit } from './retention-plan';
import { CHAINED_TABLES } from './tables';
import type { RetentionPolicy } from './types';

/** What a prune removed. */
export interface PruneReport {
  readonly cutSeq: number | null;
  readonly removedRecords: number;
  readonly removedSessions: number;
}

// Sessions examined per prune; later ones wait for the next run, keeping each run short.
const MAX_UNITS = 5000;

/** The seq of the latest checkpoint, or 0. */
export function previousCut(db: Database.Database): number {
  const row = db
    .prepare<[], { cut: number | null }>('SELECT max(cut_seq) AS cut FROM chain_checkpoints')
    .get();
  return row?.cut ?? 0;
}

function sessionUnits(db: Database.Database, after: number): RetentionUnit[] {
  const span = db.prepare<{ id: string }, { last: number | null; lastAt: number | null; ended: number }>(`
    SELECT max(m) AS last, max(a) AS lastAt,
      EXISTS (SELECT 1 FROM session_ends WHERE session_id = @id) AS ended FROM (
      SELECT max(seq) AS m, max(at) AS a FROM session_inits WHERE session_id = @id
      UNION ALL SELECT max(seq), max(at) FROM session_ends WHERE session_id = @id
      UNION ALL SELECT max(seq), max(at) FROM calls WHERE session_id = @id
      UNION ALL SELECT max(seq), max(at) FROM events WHERE session_id = @id
      UNION ALL SELECT max(x.seq), max(x.at) FROM calls c JOIN call_steps x ON x.call_seq = c.seq WHERE c.session_id = @id)`);
  const sessions = db
    .prepare<[number, number], { seq: number; session_id: string; at: number }>(
      'SELECT seq, session_id, at FROM sessions WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .all(after, MAX_UNITS);
  const units: RetentionUnit[] = [];
  for (const session of sessions) {
    const s = span.get({ id: session.session_id });
    const unit = {
      key: session.session_id,
      firstSeq: session.seq,
      lastSeq: Math.max(session.seq, s?.last ?? 0),
      lastAt: Math.max(session.at, s?.lastAt ?? 0),
      ended: s?.ended === 1,
    };
    units.push(unit);
    // Nothing can be cut past an open session, so later sessions need not be examined.
    if (!unit.ended) break;
  }
  if (sessions.length === MAX_UNITS && units.length === MAX_UNITS) {
    const last = units[units.length - 1];
    if (last !== undefined)
      units.push({ key: '', firstSeq: last.lastSeq + 1, lastSeq: last.lastSeq + 1, lastAt: 0, ended: false });
  }
  return units;
}

function unitsInOrder(db: Database.Database, after: number): RetentionUnit[] {
  const units = sessionUnits(db, after);
  const limit = units[units.length - 1]?.firstSeq ?? Number.MAX_SAFE_INTEGER;
  // Records outside any session (earlier prune notes) are units of their own.
  const loose = db
    .prepare<[number, number], { seq: number; at: number }>(
      'SELECT seq, at FROM events WHERE session_id IS NULL AND seq > ? AND seq < ? ORDER BY seq',
    )
    .all(after, limit);
  for (const row of loose) {
    units.push({ key: `#${row.seq}`, firstSeq: row.seq, lastSeq: row.seq, lastAt: row.at, ended: true });
  }
  return units.sort((x, y) => x.firstSeq - y.firstSeq);
}

/** Plans and applies retention in one IMMEDIATE transaction. */
export function pruneDatabase(
  db: Database.Database,
  chain: ChainAppender,
  policy: RetentionPolicy,
  now: number,
): PruneReport {
  if (policy.maxAgeDays === undefined && policy.maxMegabytes === undefined) {
    return { cutSeq: null, removedRecords: 0, removedSessions: 0 };
  }
  return chain.transaction(() => {
    const before = previousCut(db);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages =
      (db.pragma('page_count', { simple: true }) as number) -
      (db.pragma('freelist_count', { simple: true }) as number);
    const plan = planRetention(policy, {
      units: unitsInOrder(db, before),
      previousCut: before,
      headSeq: chain.currentHead().seq,
      usedBytes: pages * pageSize,
      now,
    });
    const cut = plan.cutSeq;
    if (cut === null) return { cutSeq: null, removedRecords: 0, removedSessions: 0 };
    const cutHash = hashOfRecord(db, cut);
    if (cutHash === undefined)
      throw new Error(`no history record #${cut} to cut at; run \`airlock history verify\``);
    db.prepare('DELETE FROM call_search WHERE rowid <= ?').run(cut);
    db.prepare('DELETE FROM session_facets WHERE session_seq <= ?').run(cut);
    let removedRecords = 0;
    for (const table of CHAINED_TABLES) {
      removedRecords += db.prepare(`DELETE FROM ${table} WHERE seq <= ?`).run(cut).changes;
    }
    const removedSessions = plan.removedUnits.filter((key) => !key.startsWith('#')).length;
    db.prepare(
      'INSERT INTO chain_checkpoints (cut_seq, cut_hash, at, removed_records, removed_sessions) VALUES (?, ?, ?, ?, ?)',
    ).run(cut, cutHash, now, removedRecords, removedSessions);
    chain.append('events', {
      session_id: null,
      at: Math.round(now),
      kind: 'pruned',
      level: 'info',
      source: 'history',
      message: `retention removed ${removedSessions} sessions (${removedRecords} records) up to #${cut}`,
      data: recordJson({ cutSeq: cut, cutHash, removedRecords, removedSessions, policy: { ...policy } }),
    });
    return { cutSeq: cut, removedRecords, removedSessions };
  }, true);
}
