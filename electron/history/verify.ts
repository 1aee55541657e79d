/**
 * Verification: walks every chained record in seq order from the latest checkpoint (or genesis),
 * recomputes each hash and reports the first broken link: an edited record (hash mismatch), a missing one
 * (gap in seq), reordered ones (hash mismatch where a record sits in another's place), a truncated tail
 * (chain head ahead of the last record), or a checkpoint with no chained `pruned` record confirming it.
 * It also cross-checks the derived session facets against the chained rows.
 */
import type Database from 'better-sqlite3';
import { hashOfRecord } from './chain-appender';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { openReadonlyDatabase } from './open-database';
import { CHAINED_COLUMNS, CHAINED_TABLES, type ChainedRow, type ChainedTable } from './tables';

/** Why verification failed at a record. */
export type BreakKind = 'hash-mismatch' | 'missing-record' | 'truncated' | 'checkpoint' | 'stray-record';

/** The first broken link. */
export interface ChainBreak {
  readonly kind: BreakKind;
  /** The record at which the chain stops verifying. */
  readonly seq: number;
  readonly table: ChainedTable | null;
  readonly message: string;
}

/** Result of `verifyHistory`. */
export interface VerifyReport {
  readonly ok: boolean;
  /** Records checked. */
  readonly records: number;
  /** Where verification started: the latest checkpoint's cut, or 0. */
  readonly fromSeq: number;
  /** Last record that verified. */
  readonly lastVerifiedSeq: number;
  readonly firstBreak: ChainBreak | null;
  /** Derived-index inconsistencies (session facets); they do not break the chain but are reported. */
  readonly indexProblems: readonly string[];
}

const CHUNK = 20_000;

interface Stored {
  readonly table: ChainedTable;
  readonly row: ChainedRow;
  readonly hash: string;
}

function readRange(db: Database.Database, from: number, to: number): Stored[] {
  const records: Stored[] = [];
  for (const table of CHAINED_TABLES) {
    const columns: readonly string[] = CHAINED_COLUMNS[table];
    const rows = db
      .prepare<[number, number], Record<string, string | number | null>>(
        `SELECT ${columns.join(', ')}, hash FROM ${table} WHERE seq > ? AND seq <= ? ORDER BY seq`,
      )
      .all(from, to);
    for (const { hash, ...row } of rows) records.push({ table, row, hash: String(hash) });
  }
  return records.sort((x, y) => Number(x.row.seq) - Number(y.row.seq));
}

function maxSeq(db: Database.Database): number {
  const parts = CHAINED_TABLES.map((table) => `SELECT max(seq) AS m FROM ${table}`).join(' UNION ALL ');
  return db.prepare<[], { m: number | null }>(`SELECT max(m) AS m FROM (${parts})`).get()?.m ?? 0;
}

function countAtOrBefore(db: Database.Database, seq: number): { count: number; table: ChainedTable | null } {
  for (const table of CHAINED_TABLES) {
    const row = db
      .prepare<[number], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE seq <= ?`)
      .get(seq);
    if ((row?.n ?? 0) > 0) return { count: row?.n ?? 0, table };
  }
  return { count: 0, table: null };
}

const EXPECTED_FACETS = `
  SELECT 'server' AS facet, server_name AS value, seq AS session_seq FROM sessions
  UNION SELECT 'client', i.client_name, s.seq FROM session_inits i JOIN sessions s ON s.session_id = i.session_id
  UNION SELECT 'decision', d.label, s.seq FROM call_steps d JOIN sessions s ON s.session_id = d.session_id WHERE d.kind = 'decision'
  UNION SELECT 'host', d.host, s.seq FROM call_steps d JOIN sessions s ON s.session_id = d.session_id
    WHERE d.kind = 'decision' AND d.host IS NOT NULL`;

function facetProblems(db: Database.Database): string[] {
  const count = (sql: string): number =>
    db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM (${sql})`).get()?.n ?? 0;
  const missing = count(
    `SELECT * FROM (${EXPECTED_FACETS}) EXCEPT SELECT facet, value, session_seq FROM session_facets`,
  );
  const extra = count(
    `SELECT facet, value, session_seq FROM session_facets EXCEPT SELECT * FROM (${EXPECTED_FACETS})`,
  );
  const problems: string[] = [];
  if (missing > 0) problems.push(`${missing} session filter entries are missing from the index`);
  if (extra > 0) problems.push(`${extra} session filter entries match no recorded call or session`);
  return problems;
}

/** Verifies an open database. */
export function verifyDatabase(db: Database.Database): VerifyReport {
  const checkpoint = db
    .prepare<[], { cut_seq: number; cut_hash: string }>(
      'SELECT cut_seq, cut_hash FROM chain_checkpoints ORDER BY cut_seq DESC LIMIT 1',
    )
    .get();
  const fromSeq = checkpoint?.cut_seq ?? 0;
  let prev = { seq: fromSeq, hash: checkpoint?.cut_hash ?? GENESIS_HASH };
  let records = 0;
  const problems = facetProblems(db);
  const result = (firstBreak: ChainBreak | null): VerifyReport => ({
    ok: firstBreak === null && problems.length === 0,
    records,
    fromSeq,
    lastVerifiedSeq: prev.seq,
    firstBreak,
    indexProblems: problems,
  });

  const stray = countAtOrBefore(db, fromSeq);
  if (stray.count > 0) {
    return result({
      kind: 'stray-record',
      seq: fromSeq,
      table: stray.table,
      message: `${stray.count} records at or before the checkpoint #${fromSeq} remain`,
    });
  }
  const head = db
    .prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM chain_head WHERE id = 1')
    .get();
  const end = Math.max(maxSeq(db), head?.seq ?? 0);
  for (let lo = fromSeq; lo < end; lo += CHUNK) {
    for (const record of readRange(db, lo, lo + CHUNK)) {
      const seq = Number(record.row.seq);
      if (seq !== prev.seq + 1) {
        const range = seq - 1 === prev.seq + 1 ? `#${prev.seq + 1}` : `#${prev.seq + 1}–#${seq - 1}`;
        return result({
          kind: 'missing-record',
          seq: prev.seq + 1,
          table: null,
          message: `record ${range} is missing (deleted)`,
        });
      }
      if (chainHash(prev.hash, record.table, record.row) !== record.hash) {
        return result({
          kind: 'hash-mismatch',
          seq,
          table: record.table,
          message: `record #${seq} in ${record.table} does not match its hash (edited, or moved from elsewhere in the chain)`,
        });
      }
      prev = { seq, hash: record.hash };
      records += 1;
    }
  }
  // The stored head may lag the tail by a moment (it is written every HEAD_WRITE_MS), never lead it.
  if (
    head === undefined ||
    head.seq > prev.seq ||
    (head.seq > fromSeq && hashOfRecord(db, head.seq) !== head.hash)
  ) {
    return result({
      kind: 'truncated',
      seq: prev.seq + 1,
      table: null,
      message: `the chain ends at #${prev.seq} but its recorded head is #${head?.seq ?? '?'} with another hash: records were removed from the end, or the head was altered`,
    });
  }
  if (checkpoint !== undefined && !checkpointConfirmed(db, checkpoint.cut_seq, checkpoint.cut_hash)) {
    return result({
      kind: 'checkpoint',
      seq: fromSeq,
      table: null,
      message: `checkpoint #${fromSeq} has no chained "pruned" record confirming it`,
    });
  }
  return result(null);
}

function checkpointConfirmed(db: Database.Database, cutSeq: number, cutHash: string): boolean {
  const notes = db
    .prepare<[number], { data: string | null }>(
      "SELECT data FROM events WHERE session_id IS NULL AND kind = 'pruned' AND seq > ?",
    )
    .all(cutSeq);
  return notes.some((note) => {
    const data = JSON.parse(note.data ?? 'null') as { cutSeq?: unknown; cutHash?: unknown } | null;
    return data?.cutSeq === cutSeq && data.cutHash === cutHash;
  });
}

/** Verifies the history database at `path` (read-only). */
export function verifyHistory(path: string): VerifyReport {
  const db = openReadonlyDatabase(path);
  try {
    return verifyDatabase(db);
  } finally {
    db.close();
  }
}
