/**
 * Appends records to the hash chain inside IMMEDIATE transactions, so two processes (the core and a CLI
 * prune) can never fork it. The tail is cached between transactions and re-read whenever another
 * connection has written (`PRAGMA data_version`). The `chain_head` row, which lets verify notice records
 * cut from the end, is rewritten at most every HEAD_WRITE_MS and on request, because one more page per
 * write-ahead commit is a measurable share of the hot path.
 */
import type Database from 'better-sqlite3';
import { chainHash } from './hash-chain';
import { CHAINED_COLUMNS, CHAINED_TABLES, type ChainedTable, type RowOf } from './tables';
import type { Fields } from './row-builders';

/** The last record of the chain. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** Longest time the stored head may lag the true tail while records are being written. */
export const HEAD_WRITE_MS = 50;

const MAX_SEQ_SQL = `SELECT max(m) AS seq FROM (${CHAINED_TABLES.map((t) => `SELECT max(seq) AS m FROM ${t}`).join(' UNION ALL ')})`;

/** Finds the hash stored with record `seq`, in whichever table holds it. */
export function hashOfRecord(db: Database.Database, seq: number): string | undefined {
  for (const table of CHAINED_TABLES) {
    const row = db.prepare<[number], { hash: string }>(`SELECT hash FROM ${table} WHERE seq = ?`).get(seq);
    if (row !== undefined) return row.hash;
  }
  return undefined;
}

/** Writes chained rows with consecutive `seq` values and their hashes. */
export class ChainAppender {
  private readonly inserts: ReadonlyMap<
    ChainedTable,
    { statement: Database.Statement; columns: readonly string[] }
  >;
  private readonly readHead: Database.Statement<[], ChainHead>;
  private readonly writeHead: Database.Statement<[number, string]>;
  private readonly dataVersion: Database.Statement<[], number>;
  private readonly maxSeq: Database.Statement<[], { seq: number | null }>;
  private head: ChainHead | null = null;
  private cached: { head: ChainHead; version: number } | null = null;
  private headWrittenAt = 0;
  private version = 0;
  private readonly run: Database.Transaction<(work: () => unknown, recordHead: boolean) => unknown>;
  private storedSeq = -1;

  /** Prepares the statements for `db`, which must already be migrated. */
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    this.inserts = new Map(
      CHAINED_TABLES.map((table) => {
        const columns: readonly string[] = CHAINED_COLUMNS[table];
        const sql = `INSERT INTO ${table} (${columns.join(', ')}, hash) VALUES (${columns.map(() => '?').join(', ')}, ?)`;
        return [table, { statement: db.prepare(sql), columns }] as const;
      }),
    );
    this.readHead = db.prepare<[], ChainHead>('SELECT seq, hash FROM chain_head WHERE id = 1');
    this.writeHead = db.prepare<[number, string]>('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1');
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.maxSeq = db.prepare<[], { seq: number | null }>(MAX_SEQ_SQL);
    this.run = db.transaction((work: () => unknown, recordHead: boolean) => this.body(work, recordHead));
  }

  /**
   * Runs `work` in one IMMEDIATE transaction with the chain tail loaded; rolls everything back on throw.
   * `recordHead` forces the stored head to be brought up to date in the same transaction.
   */
  transaction<T>(work: () => T, recordHead = false): T {
    try {
      const result = this.run.immediate(work, recordHead) as T;
      // Our own commits leave data_version unchanged, so the cache stays valid until someone else writes.
      if (this.head !== null) this.cached = { head: this.head, version: this.version };
      return result;
    } catch (error) {
      this.cached = null;
      throw error;
    } finally {
      this.head = null;
    }
  }

  /** The transaction body, wrapped once (better-sqlite3's wrapper is not free to build per call). */
  private body(work: () => unknown, recordHead: boolean): unknown {
    this.version = this.dataVersion.get() ?? 0;
    this.head = this.cached !== null && this.cached.version === this.version ? this.cached.head : this.tail();
    const value = work();
    const now = this.clock();
    if (this.head.seq !== this.storedSeq && (recordHead || now - this.headWrittenAt >= HEAD_WRITE_MS)) {
      this.writeHead.run(this.head.seq, this.head.hash);
      this.storedSeq = this.head.seq;
      this.headWrittenAt = now;
    }
    return value;
  }

  /** The true tail: the last record, or the stored head if that is further on (records were cut). */
  private tail(): ChainHead {
    const stored = this.readHead.get();
    if (stored === undefined) throw new Error('history database has no chain head row');
    this.storedSeq = stored.seq;
    const last = this.maxSeq.get()?.seq ?? null;
    // A stored head beyond the last record means records were removed; chaining on from the head keeps
    // the gap visible to verify instead of papering over it.
    if (last === null || last <= stored.seq) return stored;
    const hash = hashOfRecord(this.db, last);
    if (hash === undefined) throw new Error(`history record #${last} vanished while reading the chain tail`);
    return { seq: last, hash };
  }

  /** Appends one record and returns its `seq`. Only valid inside `transaction`. */
  append<T extends ChainedTable>(table: T, fields: Fields<T>): number {
    const head = this.head;
    if (head === null) throw new Error('ChainAppender.append called outside a transaction');
    const seq = head.seq + 1;
    const row = { ...fields, seq } as RowOf<T>;
    const hash = chainHash(head.hash, table, row);
    const insert = this.inserts.get(table);
    if (insert === undefined) throw new Error(`no insert statement for ${table}`);
    // Positional binding: noticeably cheaper than named parameters on this hot path.
    const values = insert.columns.map((column) => row[column as keyof RowOf<T>]);
    insert.statement.run(...values, hash);
    this.head = { seq, hash };
    return seq;
  }

  /** The tail inside the current transaction. */
  currentHead(): ChainHead {
    if (this.head === null) throw new Error('no transaction in progress');
    return this.head;
  }

  /** The tail as of the last commit (reads it if another connection wrote since). */
  committedHead(): ChainHead {
    if (this.cached !== null && this.cached.version === this.dataVersion.get()) return this.cached.head;
    return this.transaction(() => this.currentHead());
  }
}
