import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashOfRecord } from '../../electron/history/chain-appender';
import { chainHash } from '../../electron/history/hash-chain';
import { openHistoryStore } from '../../electron/history/store';
import { verifyHistory } from '../../electron/history/verify';
import { callLifecycle, sessionEnd, sessionStart } from './events-factory';
import { freshStore, recordAll } from './helpers';

const T = 1_700_000_000_000;
const DAY = 86_400_000;

/** A closed database with two sessions of three calls each. */
function recorded(): string {
  const { store, path } = freshStore();
  for (const s of ['a', 'b']) {
    recordAll(store, sessionStart(s, T));
    for (let i = 0; i < 3; i += 1)
      recordAll(store, callLifecycle({ sessionId: s, callId: `${s}${i}`, at: T + i, command: `echo ${i}` }));
    store.record(sessionEnd(s, T + 10));
  }
  store.close();
  return path;
}

function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

describe('verify', () => {
  it('passes an untouched history', () => {
    const path = recorded();
    expect(verifyHistory(path)).toMatchObject({ ok: true, firstBreak: null, fromSeq: 0 });
  });

  it('detects an edited row, including a completed call result', () => {
    const path = recorded();
    tamper(
      path,
      `UPDATE call_steps SET data = replace(data, 'ran echo 1', 'nothing to see') WHERE kind = 'result' AND data LIKE '%ran echo 1%' AND session_id = 'a'`,
    );
    const report = verifyHistory(path);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ kind: 'hash-mismatch', table: 'call_steps' });
  });

  it('detects an edited row whose own hash was recomputed, at the next link', () => {
    const path = recorded();
    const db = new Database(path);
    const { hash: _old, ...row } = db.prepare("SELECT * FROM calls WHERE call_id = 'a1'").get() as Record<
      string,
      string | number
    >;
    const seq = Number(row.seq);
    const previous = hashOfRecord(db, seq - 1) ?? '';
    const forged = { ...row, arguments: '{"command":"true"}' };
    db.prepare('UPDATE calls SET arguments = ?, hash = ? WHERE seq = ?').run(
      forged.arguments,
      chainHash(previous, 'calls', forged),
      seq,
    );
    db.close();
    expect(verifyHistory(path).firstBreak).toMatchObject({ kind: 'hash-mismatch', seq: seq + 1 });
  });

  it('detects a deleted row', () => {
    const path = recorded();
    const db = new Database(path);
    const row = db.prepare("SELECT seq FROM calls WHERE call_id = 'b0'").get() as { seq: number };
    db.prepare('DELETE FROM calls WHERE seq = ?').run(row.seq);
    db.close();
    expect(verifyHistory(path).firstBreak).toMatchObject({ kind: 'missing-record', seq: row.seq });
  });

  it('detects reordered rows', () => {
    const path = recorded();
    const db = new Database(path);
    const [x, y] = (
      db.prepare("SELECT seq FROM calls WHERE session_id = 'a' ORDER BY seq LIMIT 2").all() as {
        seq: number;
      }[]
    ).map((r) => r.seq);
    db.transaction(() => {
      db.prepare('UPDATE calls SET seq = -1 WHERE seq = ?').run(x);
      db.prepare('UPDATE calls SET seq = ? WHERE seq = ?').run(x, y);
      db.prepare('UPDATE calls SET seq = ? WHERE seq = -1').run(y);
    })();
    db.close();
    expect(verifyHistory(path).firstBreak).toMatchObject({ kind: 'hash-mismatch', seq: x });
  });

  it('detects records cut from the end', () => {
    const path = recorded();
    tamper(path, 'DELETE FROM session_ends WHERE seq = (SELECT max(seq) FROM session_ends)');
    expect(verifyHistory(path).firstBreak).toMatchObject({ kind: 'truncated' });
  });

  it('reports a tampered session filter index without calling the chain broken', () => {
    const path = recorded();
    tamper(path, "DELETE FROM session_facets WHERE facet = 'host'");
    const report = verifyHistory(path);
    expect(report.firstBreak).toBeNull();
    expect(report.ok).toBe(false);
    expect(report.indexProblems[0]).toMatch(/missing/);
  });
});

describe('retention', () => {
  it('prunes whole old sessions and keeps verify green from the checkpoint', () => {
    let now = T;
    const { store, path } = freshStore({ now: () => now });
    const sessions = ['old1', 'old2', 'new1'];
    sessions.forEach((s, k) => {
      const at = k < 2 ? T : T + 40 * DAY;
      recordAll(store, sessionStart(s, at));
      recordAll(store, callLifecycle({ sessionId: s, callId: `${s}-c`, at: at + 1, command: `echo ${s}` }));
      store.record(sessionEnd(s, at + 5));
    });
    // An open session after the old ones: retention must not touch it.
    recordAll(store, sessionStart('live', T + 41 * DAY));
    now = T + 45 * DAY;
    const report = store.prune({ maxAgeDays: 30 });
    expect(report).toMatchObject({ removedSessions: 2 });
    expect(store.listSessions().items.map((s) => s.sessionId)).toEqual(['live', 'new1']);
    expect(store.search('old1').items).toEqual([]);
    expect(store.search('new1').items).toHaveLength(1);
    expect(store.prune({ maxAgeDays: 30 })).toMatchObject({ cutSeq: null });
    store.record(sessionEnd('live', now));
    store.close();
    const verified = verifyHistory(path);
    expect(verified).toMatchObject({ ok: true, fromSeq: report.cutSeq });

    // A second prune removes the earlier prune note too, and still verifies.
    const later = openHistoryStore({ path, now: () => T + 100 * DAY, retention: { maxAgeDays: 30 } });
    expect(later.listSessions().items).toEqual([]);
    later.close();
    expect(verifyHistory(path).ok).toBe(true);
  });

  it('applies new retention limits at once when they change while the store is open', () => {
    let now = T;
    const { store } = freshStore({ now: () => now });
    recordAll(store, sessionStart('old', T));
    store.record(sessionEnd('old', T + 5));
    now = T + 45 * DAY;
    expect(store.listSessions().items.map((s) => s.sessionId)).toEqual(['old']);
    store.setRetention({ maxAgeDays: 30 });
    expect(store.listSessions().items).toEqual([]);
    store.close();
  });

  it('detects a forged checkpoint (a prefix deleted by hand)', () => {
    const path = recorded();
    const db = new Database(path);
    const cut = db.prepare("SELECT seq, hash FROM session_ends WHERE session_id = 'a'").get() as {
      seq: number;
      hash: string;
    };
    for (const t of ['sessions', 'session_inits', 'session_ends', 'calls', 'call_steps', 'events'])
      db.prepare(`DELETE FROM ${t} WHERE seq <= ?`).run(cut.seq);
    db.prepare(
      'INSERT INTO chain_checkpoints (cut_seq, cut_hash, at, removed_records, removed_sessions) VALUES (?, ?, 0, 0, 0)',
    ).run(cut.seq, cut.hash);
    db.close();
    expect(verifyHistory(path).firstBreak).toMatchObject({ kind: 'checkpoint' });
  });
});
