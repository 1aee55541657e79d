/**
 * The history store the core writes to. `record()` is called synchronously from the core's event stream.
 * Write-ahead invariant: `call.received` is committed before `record()` returns (and the core forwards a
 * call only after its listeners return), so a call can never run upstream without a row. Other events are
 * queued and committed in one transaction on a short timer, before the next `call.received`, before any
 * query, and on `close()`.
 */
import type Database from 'better-sqlite3';
import type { CoreEvent } from '../../shared/events';
import { ChainAppender } from './chain-appender';
import { EventApplier } from './event-applier';
import { openWritableDatabase } from './open-database';
import { createHistoryQueries, type HistoryQueries } from './queries';
import { markSettled, recoverUnfinished, type RecoveryReport } from './recovery';
import { pruneDatabase, type PruneReport } from './prune';
import { unrecordableFields } from './row-builders';
import { reindexAfterWatermark, SearchIndexer } from './search-indexer';
import type { RetentionPolicy } from './types';

/** Options for `openHistoryStore`. */
export interface HistoryStoreOptions {
  /** The database file, normally `historyPath(dataDir)`. */
  readonly path: string;
  /** Result text kept per call, in UTF-8 bytes (the full size is recorded too). Default 64 KiB. */
  readonly resultCapBytes?: number;
  /** How long batched events may wait before they are committed. Default 50 ms. */
  readonly flushIntervalMs?: number;
  /** Commit at once when this many events are queued. Default 1000. */
  readonly maxBatch?: number;
  /** How long search-index entries may wait before they are written. Default 200 ms. */
  readonly indexIntervalMs?: number;
  /** Retention limits, applied on open and every `retentionIntervalMs`. */
  readonly retention?: RetentionPolicy;
  /** Default one hour. */
  readonly retentionIntervalMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
  /** Receives errors from background work (timed flushes, retention), which has no caller to throw to. */
  readonly onError?: (error: Error) => void;
}

/** The writable history store. */
export interface HistoryStore extends HistoryQueries {
  readonly path: string;
  /** What crash recovery marked when this store opened. */
  readonly recovery: RecoveryReport;
  /** Records one core event, in order. Throws if a `call.received` cannot be committed (fail closed). */
  record(event: CoreEvent): void;
  /**
   * Records a `call.received` (or any event) as a write-ahead row, committed together with every other
   * write-ahead row queued in the same synchronous pass (group commit). Resolves once committed; rejects when the
   * row could not be stored, and the caller must then not forward the call.
   */
  recordAhead(event: CoreEvent): Promise<void>;
  /** Commits queued events now. */
  flush(): void;
  /** Applies retention now (the configured policy unless one is given). */
  prune(policy?: RetentionPolicy): PruneReport;
  /** Replaces the retention limits (e.g. the operator changed them in Settings) and applies them now. */
  setRetention(policy: RetentionPolicy): void;
  /** Commits everything and closes the database. */
  close(): void;
}

const DEFAULT_RESULT_CAP = 64 * 1024;
const INDEX_BATCH = 2000;

/** Opens (creating or migrating) the history database and recovers what a previous process left open. */
export function openHistoryStore(options: HistoryStoreOptions): HistoryStore {
  const resultCapBytes = options.resultCapBytes ?? DEFAULT_RESULT_CAP;
  if (!Number.isInteger(resultCapBytes) || resultCapBytes < 0) {
    throw new Error(`resultCapBytes must be a non-negative integer, got ${resultCapBytes}`);
  }
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: Error) => process.emitWarning(error));
  const db = openWritableDatabase(options.path);
  try {
    const chain = new ChainAppender(db);
    const recovery = recoverUnfinished(db, chain, now());
    reindexAfterWatermark(db, chain.committedHead().seq);
    const indexer = new SearchIndexer(db);
    const applier = new EventApplier(db, chain, indexer, resultCapBytes);
    return new Store(db, chain, applier, indexer, recovery, options, now, onError);
  } catch (error) {
    db.close();
    throw error;
  }
}

class Store implements HistoryStore {
  private queue: CoreEvent[] = [];
  private aheadWaiters: { readonly callId: string; resolve(): void; reject(error: Error): void }[] = [];
  private aheadScheduled = false;
  /** Call ids whose write-ahead row could not be stored (replaced by an `unrecordable` event row). */
  private readonly refusedCalls = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private indexTimer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private retention: RetentionPolicy | undefined;
  private closed = false;
  private readonly queries: HistoryQueries;
  readonly path: string;

  constructor(
    private readonly db: Database.Database,
    private readonly chain: ChainAppender,
    private readonly applier: EventApplier,
    private readonly indexer: SearchIndexer,
    readonly recovery: RecoveryReport,
    private readonly options: HistoryStoreOptions,
    private readonly now: () => number,
    private readonly onError: (error: Error) => void,
  ) {
    this.path = options.path;
    this.queries = createHistoryQueries(db, () => {
      this.flush();
      this.flushIndex();
    });
    if (options.retention !== undefined) this.setRetention(options.retention);
  }

  setRetention(policy: RetentionPolicy): void {
    this.retention = policy;
    this.background(() => this.prune());
    if (this.retentionTimer === null) {
      this.retentionTimer = setInterval(
        () => this.background(() => this.prune()),
        this.options.retentionIntervalMs ?? 3_600_000,
      );
      this.retentionTimer.unref();
    }
  }

  record(event: CoreEvent): void {
    if (this.closed) throw new Error('history store is closed');
    this.queue.push(event);
    if (event.type === 'call.received' || this.queue.length >= (this.options.maxBatch ?? 1000)) {
      this.flush();
    } else if (this.flushTimer === null) {
      this.flushTimer = setTimeout(
        () => this.background(() => this.flush()),
        this.options.flushIntervalMs ?? 50,
      );
      this.flushTimer.unref();
    }
  }

  recordAhead(event: CoreEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('history store is closed'));
    this.queue.push(event);
    const callId = event.type === 'call.received' ? event.callId : '';
    const done = new Promise<void>((resolve, reject) => this.aheadWaiters.push({ callId, resolve, reject }));
    if (!this.aheadScheduled) {
      this.aheadScheduled = true;
      // A microtask, not a timer: every call read in the same pass shares one commit, and none waits a turn.
      queueMicrotask(() => {
        this.aheadScheduled = false;
        this.flushAhead();
      });
    }
    return done;
  }

  /** Commits the queued write-ahead rows in one transaction and settles their waiters. */
  private flushAhead(): void {
    const waiters = this.aheadWaiters;
    this.aheadWaiters = [];
    let failure: Error | null = null;
    if (!this.closed) {
      try {
        this.flush();
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
    }
    // Rows still queued after a failed flush were not committed: their calls must not run.
    const uncommitted = failure !== null && this.queue.length > 0;
    for (const waiter of waiters) {
      if (this.refusedCalls.delete(waiter.callId))
        waiter.reject(new Error(`history could not record call ${waiter.callId}`));
      else if (uncommitted && failure !== null) waiter.reject(failure);
      else waiter.resolve();
    }
  }

  flush(): void {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.queue.length === 0) return;
    const batch = this.queue;
    try {
      this.commit(batch);
      this.queue = [];
    } catch {
      this.isolate(batch);
    }
    if (this.indexer.pendingCount >= INDEX_BATCH) this.flushIndex();
    else if (this.indexer.pendingCount > 0 && this.indexTimer === null) {
      this.indexTimer = setTimeout(
        () => this.background(() => this.flushIndex()),
        this.options.indexIntervalMs ?? 200,
      );
      this.indexTimer.unref();
    }
  }

  private commit(events: readonly CoreEvent[]): void {
    try {
      this.chain.transaction(() => {
        for (const event of events) this.applier.apply(event);
      });
    } catch (error) {
      this.applier.rollback();
      throw error;
    }
    this.applier.commit();
  }

  /**
   * A batch failed: commit its events one by one, so one event that cannot be stored (a value SQLite or
   * canonical JSON refuses) cannot wedge the write-ahead path. Such an event is replaced by an
   * `unrecordable` event row holding it and the error. If even that fails, the database itself is failing:
   * the rest stays queued for the next flush and the error is thrown (fail closed).
   */
  private isolate(batch: readonly CoreEvent[]): void {
    let refusedCall: Error | null = null;
    for (let i = 0; i < batch.length; i += 1) {
      const event = batch[i];
      if (event === undefined) continue;
      try {
        this.commit([event]);
      } catch (error) {
        const reason = error instanceof Error ? error : new Error(String(error));
        try {
          this.chain.transaction(() => this.chain.append('events', unrecordableFields(event, reason)));
        } catch (fatal) {
          this.queue = [...batch.slice(i), ...this.queue.slice(batch.length)];
          throw fatal instanceof Error ? fatal : new Error(String(fatal));
        }
        if (event.type === 'call.received') {
          this.refusedCalls.add(event.callId);
          refusedCall = new Error(`history could not record call ${event.callId}: ${reason.message}`);
        }
      }
    }
    this.queue = this.queue.slice(batch.length);
    // The call has no write-ahead row, so it must not be forwarded.
    if (refusedCall !== null) throw refusedCall;
  }

  /** Writes pending search-index entries. */
  private flushIndex(): void {
    if (this.indexTimer !== null) {
      clearTimeout(this.indexTimer);
      this.indexTimer = null;
    }
    if (this.indexer.pendingCount === 0) return;
    this.indexer.flush(this.applier.settledBefore(this.chain.committedHead().seq));
  }

  prune(policy?: RetentionPolicy): PruneReport {
    this.flush();
    // Pending index entries of calls about to be pruned would otherwise be written after the cut.
    this.flushIndex();
    return pruneDatabase(this.db, this.chain, policy ?? this.retention ?? {}, this.now());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retentionTimer !== null) clearInterval(this.retentionTimer);
    try {
      this.flush();
      this.flushIndex();
      const open = this.applier.openCounts();
      this.chain.transaction(() => {
        // Nothing open: the next start need not scan this run's records for unfinished calls.
        if (open.calls === 0 && open.sessions === 0) markSettled(this.db, this.chain.currentHead().seq);
      }, true);
    } finally {
      this.db.close();
    }
  }

  private background(work: () => unknown): void {
    try {
      work();
    } catch (error) {
      this.onError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  listSessions: HistoryQueries['listSessions'] = (...args) => this.queries.listSessions(...args);
  getSession: HistoryQueries['getSession'] = (...args) => this.queries.getSession(...args);
  timeline: HistoryQueries['timeline'] = (...args) => this.queries.timeline(...args);
  getCall: HistoryQueries['getCall'] = (...args) => this.queries.getCall(...args);
  findCall: HistoryQueries['findCall'] = (...args) => this.queries.findCall(...args);
  listCalls: HistoryQueries['listCalls'] = (...args) => this.queries.listCalls(...args);
  search: HistoryQueries['search'] = (...args) => this.queries.search(...args);
  iterateCalls: HistoryQueries['iterateCalls'] = (...args) => this.queries.iterateCalls(...args);
  iterateTimeline: HistoryQueries['iterateTimeline'] = (...args) => this.queries.iterateTimeline(...args);
}
