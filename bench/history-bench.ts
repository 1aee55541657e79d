/**
 * History store benchmark: the recording rate of full call lifecycles through `record()` (write-ahead
 * commit per call), then, over 1,000,000 generated calls, the latency of a full-text search, a filtered
 * session list and deep keyset pages. Run alone with `npx tsx bench/history-bench.ts`.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CoreEvent } from '../shared/events';
import { atLeast, printResult, type BenchResult } from './bench-result';
import { gateFields } from '../test/history/events-factory';
import { ChainAppender } from '../electron/history/chain-appender';
import { EventApplier } from '../electron/history/event-applier';
import { SearchIndexer } from '../electron/history/search-indexer';
import { configureConnection, migrate } from '../electron/history/schema';
import { openHistoryStore, type HistoryStore } from '../electron/history/store';
import { verifyHistory } from '../electron/history/verify';

const HOSTS = Array.from({ length: 50 }, (_, i) => `host-${i}.example.net`);
const COMMANDS = [
  'uptime',
  'df -h /var',
  'journalctl -u nginx --since today',
  'systemctl restart nginx',
  'tail -n 200 /var/log/syslog',
  'ls -la /srv/app/releases',
  'cat /etc/os-release',
  'docker ps --format {{.Names}}',
  'free -m',
  'grep -R ERROR /var/log/app',
];
const WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango'.split(
    ' ',
  );

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** The events of one session with `calls` calls (received, decided, [approval], forwarded, completed). */
function sessionEvents(index: number, calls: number, start: number, random: () => number): CoreEvent[] {
  const sessionId = `s-${index}`;
  const events: CoreEvent[] = [
    {
      type: 'session.opened',
      at: start,
      sessionId,
      target: { kind: 'profile', name: `profile-${index % 7}` },
      serverName: `profile-${index % 7}`,
      upstream: { transport: 'stdio', command: 'npx', args: ['ssh-mcp'] },
    },
    {
      type: 'session.initialized',
      at: start,
      sessionId,
      client: { name: index % 3 === 0 ? 'cursor' : 'claude-code', version: '1.0.0' },
      server: { name: 'ssh-mcp', version: '2.11.0' },
      protocolVersion: '2025-06-18',
      clientCapabilities: {},
      serverCapabilities: { tools: {} },
    },
  ];
  const host = pick(HOSTS, random);
  for (let i = 0; i < calls; i += 1) {
    const at = start + i * 1000;
    const callId = `${sessionId}-c${i}`;
    const command = `${pick(COMMANDS, random)} # ${pick(WORDS, random)}${Math.floor(random() * 1000)}`;
    const roll = random();
    const action = roll < 0.8 ? 'allow' : roll < 0.9 ? 'deny' : 'require_approval';
    const base = { sessionId, callId };
    events.push(
      { type: 'call.received', at, ...base, tool: 'exec', arguments: { command } },
      {
        type: 'call.decided',
        at,
        ...base,
        decision: { action, rule: `rule-${action}`, reason: `matched ${action}` },
        fields: gateFields(command, host),
      },
    );
    if (action === 'deny') {
      events.push({
        type: 'call.completed',
        at: at + 1,
        ...base,
        outcome: { kind: 'denied', reason: 'matched deny' },
        durationMs: 1,
      });
      continue;
    }
    if (action === 'require_approval') {
      events.push({
        type: 'call.approval',
        at: at + 5,
        ...base,
        outcome: { kind: 'approved', by: 'operator', scope: 'once' },
        waitedMs: 5,
      });
    }
    const text = Array.from({ length: 24 }, () => pick(WORDS, random)).join(' ');
    events.push(
      { type: 'call.forwarded', at: at + 6, ...base, arguments: { command }, edited: false },
      {
        type: 'call.completed',
        at: at + 9,
        ...base,
        outcome: { kind: 'result', isError: false, text, bytes: text.length },
        durationMs: 3,
      },
    );
  }
  events.push({
    type: 'session.closed',
    at: start + calls * 1000,
    sessionId,
    end: { kind: 'client-closed' },
  });
  return events;
}

/** Verified records per second over the database at `path`. */
function verifyRate(path: string): number {
  const started = performance.now();
  const report = verifyHistory(path);
  if (!report.ok) throw new Error(`benchmark history does not verify: ${JSON.stringify(report.firstBreak)}`);
  return report.records / ((performance.now() - started) / 1000);
}

/** Calls per second through `record()` (wall clock and process CPU), each call.received committed first. */
function insertRate(dir: string, calls: number): { wall: number; cpu: number; verify: number } {
  const store = openHistoryStore({ path: join(dir, 'rate.db') });
  const random = rng(1);
  const sessions: CoreEvent[][] = [];
  for (let s = 0; s * 100 < calls; s += 1)
    sessions.push(sessionEvents(s, 100, 1_700_000_000_000 + s * 200_000, random));
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const events of sessions) for (const event of events) store.record(event);
  store.close();
  const cpu = process.cpuUsage(cpuStarted);
  return {
    wall: calls / ((performance.now() - started) / 1000),
    cpu: calls / ((cpu.user + cpu.system) / 1e6),
    verify: verifyRate(join(dir, 'rate.db')),
  };
}

/**
 * Calls per second as the core records them with `inFlight` calls at a time: each call's write-ahead row
 * through `recordAhead` (the calls arriving together share one commit, awaited before any is "forwarded"),
 * then its decision, forward and result through `record`.
 */
async function groupCommitRate(dir: string, calls: number, inFlight: number): Promise<number> {
  const store = openHistoryStore({ path: join(dir, 'group.db') });
  const random = rng(3);
  const lifecycles: CoreEvent[][] = [];
  for (let s = 0; s * 100 < calls; s += 1) {
    const events = sessionEvents(s, 100, 1_700_000_000_000 + s * 200_000, random);
    let current: CoreEvent[] = [];
    for (const event of events) {
      if (event.type === 'call.received') lifecycles.push((current = [event]));
      else if (event.type.startsWith('call.')) current.push(event);
      else lifecycles.push([event]);
    }
  }
  const started = performance.now();
  for (let i = 0; i < lifecycles.length; i += inFlight) {
    const group = lifecycles.slice(i, i + inFlight);
    const commits: Promise<void>[] = [];
    for (const events of group) {
      const [first, ...rest] = events;
      if (first?.type !== 'call.received') {
        for (const event of events) store.record(event);
        continue;
      }
      commits.push(
        store.recordAhead(first).then(() => {
          for (const event of rest) store.record(event);
        }),
      );
    }
    await Promise.all(commits);
  }
  store.close();
  return calls / ((performance.now() - started) / 1000);
}

/** Writes `calls` calls through the real applier in large transactions (bulk load for query timing). */
export function bulkLoad(path: string, calls: number): void {
  const db = new Database(path);
  configureConnection(db);
  migrate(db);
  const chain = new ChainAppender(db);
  const indexer = new SearchIndexer(db);
  const applier = new EventApplier(db, chain, indexer, 64 * 1024);
  const random = rng(7);
  const perSession = 100;
  for (let s = 0; s * perSession < calls;) {
    chain.transaction(() => {
      for (let k = 0; k < 100 && s * perSession < calls; k += 1, s += 1) {
        for (const event of sessionEvents(s, perSession, 1_700_000_000_000 + s * 200_000, random))
          applier.apply(event);
      }
    });
    applier.commit();
    indexer.flush(chain.committedHead().seq);
  }
  db.close();
}

/** Median milliseconds of `runs` runs of `work`. */
function timeMs(work: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(runs / 2)] ?? 0) * 100) / 100;
}

function deepCursor(store: HistoryStore, fraction: number): string {
  const last = store.listCalls({}, { limit: 1 }).items[0]?.seq ?? 0;
  return String(Math.floor(last * fraction));
}

/** Runs the history benchmark. */
export async function runHistoryBench(
  options: { calls?: number; rateCalls?: number } = {},
): Promise<BenchResult> {
  const calls = options.calls ?? Number(process.env.HISTORY_BENCH_CALLS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'airlock-history-bench-'));
  try {
    const rate = insertRate(dir, options.rateCalls ?? 20_000);
    const grouped = await groupCommitRate(dir, options.rateCalls ?? 20_000, 32);
    const path = join(dir, 'history.db');
    const loadStarted = performance.now();
    bulkLoad(path, calls);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const store = openHistoryStore({ path });
    const deep = deepCursor(store, 0.05);
    const figures: Record<string, number> = {
      insert_calls_per_s: Math.round(rate.wall),
      insert_calls_per_cpu_s: Math.round(rate.cpu),
      insert_calls_per_s_32_in_flight: Math.round(grouped),
      verify_records_per_s: Math.round(rate.verify),
      bulk_load_s: Math.round(loadSeconds * 10) / 10,
      db_mb: Math.round(statSync(path).size / 1024 / 1024),
      calls_total: calls,
      search_common_ms: timeMs(() => store.search('journalctl nginx', {}, { limit: 50 })),
      search_rare_ms: timeMs(() => store.search('tango999', {}, { limit: 50 })),
      search_output_ms: timeMs(() => store.search('foxtrot golf', { host: HOSTS[3] }, { limit: 50 })),
      search_prefix_ms: timeMs(() => store.search('fox*', {}, { limit: 50 })),
      search_deep_page_ms: timeMs(() => store.search('uptime', {}, { limit: 50, cursor: deep })),
      sessions_filtered_ms: timeMs(() =>
        store.listSessions({ host: HOSTS[7], decision: 'deny' }, { limit: 50 }),
      ),
      sessions_client_time_ms: timeMs(() =>
        store.listSessions(
          { client: 'cursor', from: 1_700_000_000_000, to: 1_700_000_000_000 + 500 * 200_000 },
          { limit: 50 },
        ),
      ),
      sessions_deep_page_ms: timeMs(() =>
        store.listSessions({}, { limit: 50, cursor: String(Math.floor(Number(deep))) }),
      ),
      calls_deep_page_ms: timeMs(() => store.listCalls({}, { limit: 50, cursor: deep })),
      calls_client_filter_ms: timeMs(() => store.listCalls({ client: 'cursor' }, { limit: 50 })),
      timeline_ms: timeMs(() => store.timeline('s-4321', { limit: 100 })),
      call_detail_ms: timeMs(() => store.findCall('s-5000-c42')),
    };
    store.close();
    return {
      name: 'history',
      figures,
      checks: [
        atLeast(
          'history: full call lifecycles/s, 32 in flight (write-ahead group commit)',
          Math.round(grouped),
          20_000,
          '/s',
        ),
        atLeast(
          'history: full call lifecycles/s, sequential (one write-ahead commit per call)',
          Math.round(rate.wall),
          20_000,
          '/s',
          `${Math.round(rate.cpu)} per CPU-second`,
        ),
      ],
      notes: [
        `insert rate: ${options.rateCalls ?? 20_000} full call lifecycles through record(), one commit per call.received; per wall-clock second and per second of process CPU (the machine may be shared)`,
        `load average at the end: ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')} on ${availableParallelism()} cores`,
        `queries: median of 5 runs over ${calls} calls in sessions of 100; deep pages start 95% of the way down`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const invoked = process.argv[1] ?? '';
if (/history-bench\.(ts|js)$/.test(invoked)) {
  const calls = Number(process.env.HISTORY_BENCH_CALLS ?? 1_000_000);
  runHistoryBench({ calls }).then(
    (result) => printResult(result),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
