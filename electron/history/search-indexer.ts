/**
 * Keeps the full-text index (FTS5 over tool, arguments and output) in step with the chained rows. FTS5
 * writes a new segment on every commit, which would cost milliseconds on the write-ahead path, so index
 * entries are collected and written in their own batched transaction. A watermark in `meta` records up
 * to which call every entry is final; on open, calls after it are re-indexed from the chained rows, so a
 * crash can delay search but never lose it.
 */
import type Database from 'better-sqlite3';

interface Entry {
  readonly callId: string;
  readonly tool: string;
  readonly argumentsText: string;
  readonly output: string;
}

const WATERMARK_KEY = 'search_indexed_through';

/** Batches FTS writes; staged notes follow the chain transaction's commit or rollback. */
export class SearchIndexer {
  private staged: [number, Entry][] = [];
  private readonly pending = new Map<number, Entry>();
  private readonly upsert: Database.Statement<[number, string, string, string, string]>;
  private readonly setWatermark: Database.Statement<[string, number]>;

  /** Prepares statements on the writer's connection. */
  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      'INSERT OR REPLACE INTO call_search (rowid, tool, arguments, output, call_id) VALUES (?, ?, ?, ?, ?)',
    );
    this.setWatermark = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** Stages the index entry of call `seq` (called again with its output once it completes). */
  note(seq: number, callId: string, tool: string, argumentsText: string, output: string): void {
    this.staged.push([seq, { callId, tool, argumentsText, output }]);
  }

  /** The chain transaction committed: its notes become pending writes. */
  commit(): void {
    for (const [seq, entry] of this.staged) this.pending.set(seq, entry);
    this.staged = [];
  }

  /** The chain transaction rolled back: drop its notes. */
  rollback(): void {
    this.staged = [];
  }

  /** Entries waiting to be written. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Writes pending entries. `finalThrough` is the seq up to which no call can still change its entry
   * (the oldest in-flight call's seq − 1, or the chain head).
   */
  flush(finalThrough: number): void {
    this.db.transaction(() => {
      for (const [seq, entry] of this.pending)
        this.upsert.run(seq, entry.tool, entry.argumentsText, entry.output, entry.callId);
      this.setWatermark.run(WATERMARK_KEY, finalThrough);
    })();
    this.pending.clear();
  }
}

/** Re-indexes every call after the watermark from the chained rows; returns how many. */
export function reindexAfterWatermark(db: Database.Database, headSeq: number): number {
  const row = db
    .prepare<[string], { value: number }>('SELECT value FROM meta WHERE key = ?')
    .get(WATERMARK_KEY);
  const from = row?.value ?? 0;
  const calls = db
    .prepare<
      [number],
      { seq: number; call_id: string; tool: string; arguments: string; output: string | null }
    >(
      `SELECT c.seq, c.call_id, c.tool, c.arguments, coalesce(r.data ->> '$.text', r.data ->> '$.message') AS output FROM calls c
       LEFT JOIN call_steps r ON r.seq = (SELECT max(seq) FROM call_steps WHERE call_seq = c.seq AND kind = 'result')
       WHERE c.seq > ? ORDER BY c.seq`,
    )
    .all(from);
  const indexer = new SearchIndexer(db);
  for (const call of calls)
    indexer.note(call.seq, call.call_id, call.tool, call.arguments, call.output ?? '');
  indexer.commit();
  indexer.flush(headSeq);
  return calls.length;
}
