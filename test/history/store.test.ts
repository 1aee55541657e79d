import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openHistoryReader } from '../../electron/history/reader';
import { openHistoryStore } from '../../electron/history/store';
import { verifyHistory } from '../../electron/history/verify';
import { callLifecycle, sessionEnd, sessionStart } from './events-factory';
import { freshStore, recordAll } from './helpers';

const T = 1_700_000_000_000;

describe('history store', () => {
  it('records a realistic session with every decision path', () => {
    const { store, path } = freshStore({ resultCapBytes: 16 });
    recordAll(store, sessionStart('s1', T));
    recordAll(
      store,
      callLifecycle({
        sessionId: 's1',
        callId: 'c-allow',
        at: T + 10,
        command: 'uptime',
        output: 'up 3 days, load average 0.1',
      }),
    );
    recordAll(
      store,
      callLifecycle({ sessionId: 's1', callId: 'c-deny', at: T + 20, command: 'rm -rf /', action: 'deny' }),
    );
    recordAll(
      store,
      callLifecycle({
        sessionId: 's1',
        callId: 'c-edit',
        at: T + 30,
        command: 'systemctl restart nginx',
        action: 'require_approval',
        edit: 'systemctl reload nginx',
      }),
    );
    store.record({
      type: 'session.log',
      at: T + 40,
      sessionId: 's1',
      level: 'warning',
      source: 'upstream-stderr',
      message: 'ssh: connection slow',
    });
    store.record({
      type: 'session.log',
      at: T + 41,
      sessionId: 's1',
      level: 'warning',
      source: 'core',
      message: 'tool "exec" changed since pinned',
    });
    store.record(sessionEnd('s1', T + 50));

    const [session] = store.listSessions().items;
    expect(session).toMatchObject({
      sessionId: 's1',
      serverName: 'prod-ssh',
      target: { kind: 'profile', name: 'prod-ssh' },
      client: { name: 'claude-code', version: '1.2.3' },
      server: { name: 'ssh-mcp', version: '2.11.0', title: 'SSH MCP' },
      upstream: { transport: 'stdio', display: 'npx ssh-mcp --host=10.0.0.5' },
      end: { kind: 'client-closed' },
      endedAt: T + 50,
      callCount: 3,
    });

    const allowed = store.findCall('c-allow');
    expect(allowed).toMatchObject({
      status: 'completed',
      decision: {
        action: 'allow',
        rule: 'rule-allow',
        host: 'web-1',
        user: 'deploy',
        command: 'uptime',
        risk: 'exec',
      },
      approval: null,
      forwarded: { arguments: { command: 'uptime' }, edited: false },
      // Capped at 16 bytes, the full size kept.
      outcome: {
        kind: 'result',
        isError: false,
        text: 'up 3 days, load ',
        bytes: 27,
        truncated: true,
        durationMs: 80,
      },
    });
    expect(store.findCall('c-deny')).toMatchObject({
      decision: { action: 'deny' },
      forwarded: null,
      outcome: { kind: 'denied', message: 'policy says deny' },
    });
    expect(store.findCall('c-edit', 's1')).toMatchObject({
      arguments: { command: 'systemctl restart nginx' },
      decision: { action: 'require_approval', reason: 'policy says require_approval' },
      approval: {
        outcome: {
          kind: 'edited-and-approved',
          by: 'operator',
          original: { command: 'systemctl restart nginx' },
        },
        waitedMs: 49,
      },
      forwarded: { arguments: { command: 'systemctl reload nginx' }, edited: true },
    });

    const timeline = store.timeline('s1').items;
    expect(timeline.map((item) => (item.item === 'call' ? item.call.callId : item.event.kind))).toEqual([
      'tools.listed',
      'c-allow',
      'c-deny',
      'c-edit',
      'log',
      'log',
    ]);
    store.close();
    expect(verifyHistory(path)).toMatchObject({ ok: true, firstBreak: null, indexProblems: [] });
  });

  it('commits call.received before record() returns, while later steps wait for the batch', () => {
    const { store, path } = freshStore({ flushIntervalMs: 60_000 });
    recordAll(store, sessionStart('s1', T));
    store.record({
      type: 'call.received',
      at: T,
      sessionId: 's1',
      callId: 'c1',
      tool: 'exec',
      arguments: { command: 'id' },
    });
    store.record({
      type: 'call.decided',
      at: T,
      sessionId: 's1',
      callId: 'c1',
      decision: { action: 'allow', rule: 'r', reason: 'ok' },
    });
    // Another connection (another process, in effect) already sees the write-ahead row.
    const other = new Database(path, { readonly: true });
    const rows = other.prepare('SELECT call_id FROM calls').all();
    const steps = other.prepare('SELECT count(*) AS n FROM call_steps').get() as { n: number };
    other.close();
    expect(rows).toEqual([{ call_id: 'c1' }]);
    expect(steps.n).toBe(0);
    // Queries flush first, so the writer's own reads are never stale.
    expect(store.findCall('c1')?.decision?.action).toBe('allow');
    store.close();
  });

  it('filters sessions and pages through them by cursor', () => {
    const { store } = freshStore();
    for (let i = 0; i < 7; i += 1) {
      const id = `s${i}`;
      recordAll(
        store,
        sessionStart(id, T + i * 1000, i % 2 === 0 ? 'prod' : 'staging', i < 3 ? 'cursor' : 'claude-code'),
      );
      recordAll(
        store,
        callLifecycle({
          sessionId: id,
          callId: `${id}-c`,
          at: T + i * 1000 + 10,
          command: 'ls',
          host: `db-${i % 3}`,
          action: i === 4 ? 'deny' : 'allow',
        }),
      );
      store.record(sessionEnd(id, T + i * 1000 + 500));
    }
    const ids = (filter: Parameters<typeof store.listSessions>[0]) =>
      store.listSessions(filter).items.map((s) => s.sessionId);
    expect(ids({})).toEqual(['s6', 's5', 's4', 's3', 's2', 's1', 's0']);
    expect(ids({ server: 'prod' })).toEqual(['s6', 's4', 's2', 's0']);
    expect(ids({ client: 'cursor' })).toEqual(['s2', 's1', 's0']);
    expect(ids({ host: 'db-1' })).toEqual(['s4', 's1']);
    expect(ids({ host: 'db-1', decision: 'deny' })).toEqual(['s4']);
    expect(ids({ from: T + 2000, to: T + 5000 })).toEqual(['s4', 's3', 's2']);
    expect(ids({ host: 'nowhere' })).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = store.listSessions({}, { limit: 3, cursor });
      seen.push(...page.items.map((s) => s.sessionId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['s6', 's5', 's4', 's3', 's2', 's1', 's0']);
    expect(() => store.listSessions({}, { cursor: 'DROP TABLE' })).toThrow(/invalid page cursor/);
    expect(() => store.listSessions({}, { limit: 0 })).toThrow(/page size/);
    store.close();
  });

  it('searches commands, arguments and output, newest first, with paging and filters', () => {
    const { store } = freshStore();
    recordAll(store, sessionStart('s1', T));
    const outputs = ['nginx: active (running)', 'disk 93% full', 'nginx: failed', 'uptime 3 days'];
    outputs.forEach((output, i) => {
      recordAll(
        store,
        callLifecycle({
          sessionId: 's1',
          callId: `c${i}`,
          at: T + i,
          command: i === 3 ? 'uptime' : `systemctl status nginx-${i}`,
          output,
          host: i === 2 ? 'web-2' : 'web-1',
        }),
      );
    });
    const found = (text: string, filter = {}) => store.search(text, filter).items.map((c) => c.callId);
    expect(found('nginx')).toEqual(['c2', 'c1', 'c0']);
    expect(found('failed nginx')).toEqual(['c2']);
    expect(found('93%')).toEqual(['c1']);
    expect(found('upt')).toEqual([]);
    expect(found('upt*')).toEqual(['c3']);
    expect(found('nginx', { host: 'web-2' })).toEqual(['c2']);
    expect(found('"; DROP TABLE calls; --')).toEqual([]);
    const first = store.search('nginx', {}, { limit: 2 });
    expect(first.items.map((c) => c.callId)).toEqual(['c2', 'c1']);
    expect(
      store.search('nginx', {}, { limit: 2, cursor: first.nextCursor }).items.map((c) => c.callId),
    ).toEqual(['c0']);
    store.close();
  });

  it('keeps steps of unknown calls as orphan events instead of dropping them', () => {
    const { store, path } = freshStore();
    recordAll(store, sessionStart('s1', T));
    store.record({
      type: 'call.completed',
      at: T,
      sessionId: 's1',
      callId: 'ghost',
      outcome: { kind: 'cancelled', reason: 'x' },
      durationMs: 1,
    });
    const events = store.timeline('s1').items.flatMap((item) => (item.item === 'event' ? [item.event] : []));
    expect(events.at(-1)).toMatchObject({
      kind: 'orphan',
      level: 'warning',
      data: { type: 'call.completed', callId: 'ghost' },
    });
    store.close();
    expect(verifyHistory(path).ok).toBe(true);
  });

  it('fails closed on a call it cannot record, keeps a trace of it and goes on', () => {
    const { store, path } = freshStore();
    recordAll(store, sessionStart('s1', T));
    store.record({
      type: 'call.decided',
      at: T,
      sessionId: 's1',
      callId: 'x',
      decision: { action: 'allow', rule: 'r', reason: 'ok' },
    });
    const poisoned = {
      type: 'call.received',
      at: T,
      sessionId: 's1',
      callId: 'bad',
      tool: 'exec',
      arguments: { n: Number.NaN },
    } as const;
    expect(() => store.record(poisoned as never)).toThrow(/could not record call bad: .*NaN/);
    recordAll(store, callLifecycle({ sessionId: 's1', callId: 'good', at: T + 1, command: 'id' }));
    const events = store.timeline('s1').items.flatMap((item) => (item.item === 'event' ? [item.event] : []));
    expect(events.map((e) => e.kind)).toEqual(['tools.listed', 'orphan', 'unrecordable']);
    expect(events[2]).toMatchObject({
      level: 'error',
      data: { event: { callId: 'bad', arguments: { n: 'NaN' } } },
    });
    expect(store.findCall('good')?.status).toBe('completed');
    store.close();
    expect(verifyHistory(path).ok).toBe(true);
  });

  it('reopens an existing database, refuses a newer schema and reads through a read-only reader', () => {
    const { store, path } = freshStore();
    recordAll(store, sessionStart('s1', T));
    store.record(sessionEnd('s1', T + 1));
    store.close();
    const again = openHistoryStore({ path });
    expect(again.recovery).toEqual({ unknownCalls: 0, crashedSessions: 0 });
    again.close();
    const reader = openHistoryReader(path);
    expect(reader.getSession('s1')?.end).toEqual({ kind: 'client-closed' });
    reader.close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openHistoryStore({ path })).toThrow(/schema version 99/);
  });
});
