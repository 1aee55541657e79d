/**
 * Turns core events into chained rows plus the derived search index and session facets. Runs inside a
 * ChainAppender transaction; its in-memory maps are staged and committed with the transaction.
 */
import type Database from 'better-sqlite3';
import { assertNever } from '../../shared/json';
import type { CoreEvent } from '../../shared/events';
import type { ChainAppender } from './chain-appender';
import * as rows from './row-builders';
import type { SearchIndexer } from './search-indexer';
import { StagedMap } from './staged-map';

/** A call between `call.received` and its outcome. */
interface InFlightCall {
  readonly seq: number;
  readonly callId: string;
  readonly sessionId: string;
  readonly tool: string;
  readonly argumentsText: string;
}

function callKey(sessionId: string, callId: string): string {
  return `${sessionId}\u0000${callId}`;
}

/** Applies core events to the database; one instance per writer connection. */
export class EventApplier {
  private readonly calls = new StagedMap<string, InFlightCall>();
  private readonly sessions = new StagedMap<string, number>();
  // Facets already written, so the common repeat costs no statement; cleared on rollback.
  private readonly facetsWritten = new Set<string>();
  private readonly st: {
    readonly facet: Database.Statement<[string, string, number]>;
    readonly findCall: Database.Statement<[string, string], { seq: number; tool: string; arguments: string }>;
    readonly findSession: Database.Statement<[string], { seq: number }>;
  };

  /** Prepares statements on the writer's connection. */
  constructor(
    db: Database.Database,
    private readonly chain: ChainAppender,
    private readonly indexer: SearchIndexer,
    private readonly resultCapBytes: number,
  ) {
    this.st = {
      facet: db.prepare('INSERT OR IGNORE INTO session_facets (facet, value, session_seq) VALUES (?, ?, ?)'),
      findCall: db.prepare(
        'SELECT seq, tool, arguments FROM calls WHERE session_id = ? AND call_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      findSession: db.prepare('SELECT seq FROM sessions WHERE session_id = ? ORDER BY seq DESC LIMIT 1'),
    };
  }

  /** Calls and sessions still open, committed state. */
  openCounts(): { calls: number; sessions: number } {
    return { calls: this.calls.size, sessions: this.sessions.size };
  }

  /** The seq up to which no recorded call can still change (the oldest in-flight call's seq − 1). */
  settledBefore(headSeq: number): number {
    let oldest = headSeq + 1;
    for (const call of this.calls.values()) oldest = Math.min(oldest, call.seq);
    return oldest - 1;
  }

  /** Call after the surrounding transaction committed. */
  commit(): void {
    this.calls.commit();
    this.sessions.commit();
    this.indexer.commit();
  }

  /** Call after the surrounding transaction rolled back. */
  rollback(): void {
    this.calls.rollback();
    this.sessions.rollback();
    this.indexer.rollback();
    this.facetsWritten.clear();
  }

  private facet(facet: string, value: string, sessionSeq: number): void {
    const key = `${sessionSeq}\u0000${facet}\u0000${value}`;
    if (this.facetsWritten.has(key)) return;
    if (this.facetsWritten.size >= 100_000) this.facetsWritten.clear();
    this.st.facet.run(facet, value, sessionSeq);
    this.facetsWritten.add(key);
  }

  /** Records one event. Must run inside `chain.transaction`. */
  apply(e: CoreEvent): void {
    switch (e.type) {
      case 'session.opened': {
        const seq = this.chain.append('sessions', rows.sessionFields(e));
        this.sessions.set(e.sessionId, seq);
        this.facet('server', e.serverName, seq);
        return;
      }
      case 'session.initialized': {
        this.chain.append('session_inits', rows.sessionInitFields(e));
        const sessionSeq = this.sessionSeq(e.sessionId);
        if (sessionSeq !== undefined) this.facet('client', e.client.name, sessionSeq);
        return;
      }
      case 'session.closed':
        this.chain.append('session_ends', rows.sessionEndFields(e.sessionId, e.at, e.end));
        this.sessions.delete(e.sessionId);
        return;
      case 'tools.listed':
        this.chain.append('events', rows.toolsListedFields(e));
        return;
      case 'session.log':
        this.chain.append('events', rows.logFields(e));
        return;
      case 'call.received': {
        const fields = rows.callFields(e);
        const seq = this.chain.append('calls', fields);
        const argumentsText = fields.arguments as string;
        this.indexer.note(seq, e.callId, e.tool, argumentsText, '');
        this.calls.set(callKey(e.sessionId, e.callId), {
          seq,
          callId: e.callId,
          sessionId: e.sessionId,
          tool: e.tool,
          argumentsText,
        });
        return;
      }
      case 'call.decided': {
        const call = this.call(e);
        if (call === undefined) return;
        const fields = rows.decisionFields(e, call.seq);
        this.chain.append('call_steps', fields);
        const sessionSeq = this.sessionSeq(e.sessionId);
        if (sessionSeq !== undefined) {
          this.facet('decision', e.decision.action, sessionSeq);
          if (typeof fields.host === 'string') this.facet('host', fields.host, sessionSeq);
        }
        return;
      }
      case 'call.approval': {
        const call = this.call(e);
        if (call !== undefined) this.chain.append('call_steps', rows.approvalFields(e, call.seq));
        return;
      }
      case 'call.forwarded': {
        const call = this.call(e);
        if (call !== undefined) this.chain.append('call_steps', rows.forwardFields(e, call.seq));
        return;
      }
      case 'call.completed': {
        const call = this.call(e);
        if (call === undefined) return;
        const outcome = rows.outcomeRecord(e.outcome, e.durationMs, this.resultCapBytes);
        this.chain.append(
          'call_steps',
          rows.stepFields('result', outcome.kind, null, call.seq, e.sessionId, e.at, outcome),
        );
        this.indexer.note(
          call.seq,
          call.callId,
          call.tool,
          call.argumentsText,
          outcome.text ?? outcome.message ?? '',
        );
        this.calls.delete(callKey(e.sessionId, e.callId));
        return;
      }
      case 'prompt.received': {
        // A prompt tied to one call joins that call's steps; any other is a session event.
        const call = e.callId === null ? undefined : this.lookup(e.sessionId, e.callId);
        if (call !== undefined) this.chain.append('call_steps', rows.promptStepFields(e, call.seq));
        else this.chain.append('events', rows.promptEventFields(e));
        return;
      }
      case 'prompt.answered': {
        const call = e.callId === null ? undefined : this.lookup(e.sessionId, e.callId);
        if (call !== undefined) this.chain.append('call_steps', rows.promptAnswerStepFields(e, call.seq));
        else this.chain.append('events', rows.promptAnswerEventFields(e));
        return;
      }
      default:
        assertNever(e, 'unknown core event');
    }
  }

  /** The recorded call an event refers to; records the event as an orphan when there is none. */
  private call(e: Extract<CoreEvent, { callId: string }>): InFlightCall | undefined {
    const key = callKey(e.sessionId, e.callId);
    const known = this.calls.get(key);
    if (known !== undefined) return known;
    const stored = this.st.findCall.get(e.sessionId, e.callId);
    if (stored === undefined) {
      this.chain.append('events', rows.orphanFields(e));
      return undefined;
    }
    const call = {
      seq: stored.seq,
      callId: e.callId,
      sessionId: e.sessionId,
      tool: stored.tool,
      argumentsText: stored.arguments,
    };
    this.calls.set(key, call);
    return call;
  }

  /**
   * The seq of a recorded call, in flight or already completed, for a prompt's rows. Not cached as in
   * flight: a prompt never reopens a call (the recovery watermark follows only calls awaiting an outcome).
   */
  private lookup(sessionId: string, callId: string): { readonly seq: number } | undefined {
    return this.calls.get(callKey(sessionId, callId)) ?? this.st.findCall.get(sessionId, callId);
  }

  private sessionSeq(sessionId: string): number | undefined {
    return this.sessions.get(sessionId) ?? this.st.findSession.get(sessionId)?.seq;
  }
}
