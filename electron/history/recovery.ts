/**
 * Crash recovery, run when the writer opens: calls recorded before a previous process stopped but never
 * completed get an "unknown" outcome, and sessions never closed get a "crashed" end. Both are appended
 * as ordinary chained records, so the recovery itself is part of the tamper-evident history.
 */
import type Database from 'better-sqlite3';
import type { ChainAppender } from './chain-appender';
import { resultFields, sessionEndFields } from './row-builders';

/** What recovery marked. */
export interface RecoveryReport {
  readonly unknownCalls: number;
  readonly crashedSessions: number;
}

/** Why an unfinished call's outcome is unknown (shown to the operator). */
export const UNKNOWN_OUTCOME_REASON =
  'Airlock stopped before this call completed; it may or may not have run upstream';

const SETTLED_KEY = 'settled_through';

/** Everything up to this seq is known to be settled (no open calls or sessions). */
export function settledThrough(db: Database.Database): number {
  const row = db
    .prepare<[string], { value: number }>('SELECT value FROM meta WHERE key = ?')
    .get(SETTLED_KEY);
  return row?.value ?? 0;
}

/** Records that everything up to `seq` is settled, so the next recovery scan starts after it. */
export function markSettled(db: Database.Database, seq: number): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(SETTLED_KEY, seq);
}

/** Marks unfinished calls and sessions left by a previous process. */
export function recoverUnfinished(db: Database.Database, chain: ChainAppender, now: number): RecoveryReport {
  return chain.transaction(() => {
    const since = settledThrough(db);
    const calls = db
      .prepare<[number], { seq: number; session_id: string }>(
        `SELECT c.seq, c.session_id FROM calls c WHERE c.seq > ?
         AND NOT EXISTS (SELECT 1 FROM call_steps r WHERE r.call_seq = c.seq AND r.kind = 'result') ORDER BY c.seq`,
      )
      .all(since);
    for (const call of calls) {
      chain.append(
        'call_steps',
        resultFields(
          call.seq,
          call.session_id,
          now,
          { kind: 'unknown', reason: UNKNOWN_OUTCOME_REASON },
          null,
          0,
        ),
      );
    }
    const sessions = db
      .prepare<[number], { session_id: string }>(
        `SELECT s.session_id FROM sessions s WHERE s.seq > ?
         AND NOT EXISTS (SELECT 1 FROM session_ends e WHERE e.session_id = s.session_id) ORDER BY s.seq`,
      )
      .all(since);
    for (const session of sessions) {
      chain.append(
        'session_ends',
        sessionEndFields(session.session_id, now, { kind: 'crashed', detectedAt: now }),
      );
    }
    markSettled(db, chain.currentHead().seq);
    return { unknownCalls: calls.length, crashedSessions: sessions.length };
  }, true);
}
