import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CALL_CSV_HEADER } from '../../electron/history/csv';
import { exportHistory, type ExportLine } from '../../electron/history/export';
import { runHistoryCommand } from '../../electron/history/cli';
import type { HistoryStore } from '../../electron/history/store';
import { callLifecycle, sessionEnd, sessionStart } from './events-factory';
import { freshStore, parseCsv, recordAll } from './helpers';

const T = 1_700_000_000_000;

function populate(store: HistoryStore): void {
  recordAll(store, sessionStart('s1', T, 'prod'));
  recordAll(
    store,
    callLifecycle({
      sessionId: 's1',
      callId: 'c1',
      at: T + 1,
      command: 'uptime',
      output: '=cmd|"/c calc"!A1, "quoted"\nsecond line',
    }),
  );
  recordAll(
    store,
    callLifecycle({ sessionId: 's1', callId: 'c2', at: T + 2, command: '@evil', action: 'deny' }),
  );
  store.record({
    type: 'session.log',
    at: T + 3,
    sessionId: 's1',
    level: 'error',
    source: 'upstream-stderr',
    message: 'boom',
  });
  store.record(sessionEnd('s1', T + 4));
  recordAll(store, sessionStart('s2', T + 10, 'staging'));
  recordAll(
    store,
    callLifecycle({
      sessionId: 's2',
      callId: 'c3',
      at: T + 11,
      command: 'df -h',
      action: 'require_approval',
    }),
  );
  store.record(sessionEnd('s2', T + 12));
}

async function collect(run: (out: PassThrough) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await run(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

function io(): { stdout: PassThrough; stderr: PassThrough; text: () => { out: string; err: string } } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdout, stderr, text: () => ({ out, err }) };
}

describe('export', () => {
  it('round-trips JSONL: every line parses back to exactly what the queries return', async () => {
    const { store } = freshStore();
    populate(store);
    const all = await collect((out) => exportHistory(store, { kind: 'calls', filter: {} }, 'jsonl', out));
    const lines = all
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ExportLine);
    expect(lines).toEqual([...store.iterateCalls()].map((call) => ({ item: 'call', call })));
    expect(lines).toHaveLength(3);

    const session = await collect((out) =>
      exportHistory(store, { kind: 'session', sessionId: 's1' }, 'jsonl', out),
    );
    const parsed = session
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ExportLine);
    expect(parsed[0]).toEqual({ item: 'session', session: store.getSession('s1') });
    expect(parsed.slice(1)).toEqual(store.timeline('s1').items);
    store.close();
  });

  it('writes CSV that parses, with quoting and formula cells defused', async () => {
    const { store } = freshStore();
    populate(store);
    const csv = await collect((out) =>
      exportHistory(store, { kind: 'calls', filter: { server: 'prod' } }, 'csv', out),
    );
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CALL_CSV_HEADER]);
    expect(rows).toHaveLength(3);
    const col = (name: (typeof CALL_CSV_HEADER)[number]) => CALL_CSV_HEADER.indexOf(name);
    expect(rows[1]?.[col('output')]).toBe('\'=cmd|"/c calc"!A1, "quoted"\nsecond line');
    expect(rows[2]?.[col('command')]).toBe("'@evil");
    expect(rows[2]?.[col('decision')]).toBe('deny');
    store.close();
  });
});

describe('airlock history CLI', () => {
  it('lists sessions, searches, verifies and exports to a file', async () => {
    const { store, dir } = freshStore();
    populate(store);
    store.close();

    const a = io();
    expect(await runHistoryCommand(['sessions', '--server', 'prod'], a, dir)).toBe(0);
    expect(a.text().out).toMatch(/^s1 .*client=claude-code 1\.2\.3 .*calls=2/m);
    expect(a.text().out).not.toMatch(/^s2 /m);

    const b = io();
    expect(await runHistoryCommand(['history', 'search', 'uptime', '--json'], b, dir)).toBe(0);
    const page = JSON.parse(b.text().out) as { items: { callId: string }[] };
    expect(page.items.map((c) => c.callId)).toEqual(['c1']);

    const c = io();
    expect(await runHistoryCommand(['verify'], c, dir)).toBe(0);
    expect(c.text().out).toMatch(/History intact: \d+ records verified/);

    const d = io();
    const file = join(dir, 'out.csv');
    expect(
      await runHistoryCommand(
        ['export', '--format', 'csv', '--out', file, '--decision', 'require_approval'],
        d,
        dir,
      ),
    ).toBe(0);
    expect(parseCsv(readFileSync(file, 'utf8')).map((row) => row[3])).toEqual(['call_id', 'c3']);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const e = io();
    expect(await runHistoryCommand(['export', '--session', 's2'], e, dir)).toBe(0);
    expect(e.text().out.trimEnd().split('\n')).toHaveLength(3);
  });

  it('shows hidden characters in terminal output as the console does', async () => {
    const { store, dir } = freshStore();
    recordAll(store, sessionStart('s1', T, 'prod'));
    const command = 'ls \u202Eevil\u00A0x \u0441at \u2800';
    recordAll(store, callLifecycle({ sessionId: 's1', callId: 'c1', at: T + 1, command }));
    store.close();
    const out = io();
    expect(await runHistoryCommand(['search', 'evil'], out, dir)).toBe(0);
    const text = out.text().out;
    expect(text).toContain('evil');
    expect(text).not.toMatch(/[\u202E\u00A0\u0441\u2800]/u);
  });

  it('gives clear errors and exit codes on bad input', async () => {
    const { store, dir } = freshStore();
    store.close();
    const cases: [string[], number, RegExp][] = [
      [['export', '--format', 'xml'], 2, /--format must be jsonl or csv/],
      [['export', '--session', 's1', '--host', 'h'], 2, /cannot be combined/],
      [['sessions', '--from', 'yesterday'], 2, /--from must be an ISO date/],
      [['sessions', '--decision', 'maybe'], 2, /--decision must be one of/],
      [['sessions', '--limit', '0'], 2, /--limit must be a positive integer/],
      [['sessions', '--bogus'], 2, /Unknown option '--bogus'/],
      [['search'], 2, /search needs the text/],
      [['frobnicate'], 2, /unknown history command/],
      [['prune'], 2, /prune needs --days/],
      [['export', '--session', 'nope'], 1, /no session nope/],
    ];
    for (const [argv, code, message] of cases) {
      const x = io();
      expect(await runHistoryCommand(argv, x, dir), argv.join(' ')).toBe(code);
      expect(x.text().err).toMatch(message);
    }
    const missing = io();
    expect(await runHistoryCommand(['verify'], missing, join(dir, 'elsewhere'))).toBe(1);
    expect(missing.text().err).toMatch(/no history database at/);
  });

  it('prunes from the command line and reports a broken chain from verify', async () => {
    const { store, dir, path } = freshStore();
    populate(store);
    store.close();
    const p = io();
    expect(await runHistoryCommand(['prune', '--days', '1'], p, dir)).toBe(0);
    expect(p.text().out).toMatch(/Pruned 2 sessions/);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path);
    db.exec("UPDATE events SET message = 'edited' WHERE kind = 'pruned'");
    db.close();
    const v = io();
    expect(await runHistoryCommand(['verify'], v, dir)).toBe(1);
    expect(v.text().out).toMatch(/NOT intact: first broken link at record #\d+ \(events\)/);
  });
});
