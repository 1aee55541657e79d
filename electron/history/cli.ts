/**
 * `airlock history …`: export, verify, search, sessions and prune, over the history database in the
 * data folder. Reads use a read-only connection, so they are safe while the core is running.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  FILTER_OPTIONS,
  filterFrom,
  parsePositive,
  stringOption,
  UsageError,
  type OptionValues,
} from './cli-args';
import { safeTextToString, sanitize } from '../../shared/safe-text';
import { exportHistory, type ExportFormat, type ExportScope } from './export';
import { historyPath, openWritableDatabase } from './open-database';
import { ChainAppender } from './chain-appender';
import { pruneDatabase } from './prune';
import { openHistoryReader } from './reader';
import type { CallDetail, SessionSummary } from './types';
import { verifyHistory } from './verify';

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Usage text for `airlock history`. */
export const HISTORY_USAGE = `Usage: airlock history <command> [options]

Commands:
  sessions [filters] [--limit N] [--cursor C] [--json]   list sessions, newest first
  search TEXT [filters] [--session ID] [--limit N] [--cursor C] [--json]
                                                        full-text search over commands, arguments and output
                                                        (whole words; end a word with * for a prefix)
  export [--session ID] [--format jsonl|csv] [--out FILE] [--text Q] [filters]
                                                        export a session or the matching calls (default: stdout, jsonl)
  verify [--json]                                       check the hash chain; exits 1 at the first broken link
  prune [--days N] [--mb N]                             apply retention now (removes whole, ended sessions)

Filters: --client NAME --server NAME --host HOST --decision allow|deny|require_approval
         --from TIME --to TIME   (ISO 8601 or milliseconds since 1970)
`;

const PAGE_OPTIONS = {
  limit: { type: 'string' },
  cursor: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function parse(
  args: string[],
  options: ParseArgsConfig['options'],
  positionals = false,
): { values: OptionValues; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: positionals, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function line(out: Writable, text: string): void {
  out.write(`${text}\n`);
}

function time(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

// Terminal output shows untrusted text: the console's own sanitiser makes every hidden, control,
// bidi and look-alike character visible, so the CLI flags exactly what the queue and the gate flag.
function safe(text: string): string {
  return safeTextToString(sanitize(text));
}

function sessionLine(s: SessionSummary): string {
  const client = s.client === null ? '-' : `${s.client.name} ${s.client.version}`;
  const ended = s.end === null ? 'open' : `${s.end.kind} ${time(s.endedAt)}`;
  return safe(
    `${s.sessionId}  ${time(s.startedAt)}  ${ended}  client=${client}  server=${s.serverName}  calls=${s.callCount}  ${s.upstream.display}`,
  );
}

function callLine(c: CallDetail): string {
  const what = c.decision?.command ?? JSON.stringify(c.arguments);
  const decision = c.decision?.action ?? '-';
  const outcome = c.outcome?.kind ?? 'in-flight';
  const host = c.decision?.host ?? '-';
  return safe(`#${c.seq}  ${time(c.at)}  ${c.sessionId}  ${c.tool}@${host}  ${decision}/${outcome}  ${what}`);
}

function printPage<T>(
  io: CliIo,
  json: boolean,
  page: { items: T[]; nextCursor: string | null },
  format: (item: T) => string,
): void {
  if (json) {
    line(io.stdout, JSON.stringify(page));
    return;
  }
  if (page.items.length === 0) line(io.stdout, 'Nothing recorded matches.');
  for (const item of page.items) line(io.stdout, format(item));
  if (page.nextCursor !== null) line(io.stdout, `More: --cursor ${page.nextCursor}`);
}

async function exportCommand(args: string[], io: CliIo, path: string): Promise<number> {
  const { values } = parse(args, {
    ...FILTER_OPTIONS,
    session: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    text: { type: 'string' },
  });
  const formatText = stringOption(values, 'format') ?? 'jsonl';
  if (formatText !== 'jsonl' && formatText !== 'csv')
    throw new UsageError(`--format must be jsonl or csv, got "${formatText}"`);
  const format: ExportFormat = formatText;
  const sessionId = stringOption(values, 'session');
  const text = stringOption(values, 'text');
  const filter = { ...filterFrom(values), ...(text === undefined ? {} : { text }) };
  if (sessionId !== undefined && Object.keys(filter).length > 0)
    throw new UsageError('--session exports one whole session; it cannot be combined with filters');
  const scope: ExportScope =
    sessionId === undefined ? { kind: 'calls', filter } : { kind: 'session', sessionId };
  const reader = openHistoryReader(path);
  try {
    const outFile = stringOption(values, 'out');
    if (outFile === undefined) {
      await exportHistory(reader, scope, format, io.stdout);
      return 0;
    }
    // Written beside the target and renamed at the end, so a failed export never leaves half a file.
    const partial = `${outFile}.partial`;
    const stream = createWriteStream(partial, { mode: 0o600 });
    try {
      const count = await exportHistory(reader, scope, format, stream);
      stream.end();
      await finished(stream);
      await rename(partial, outFile);
      line(io.stderr, `Exported ${count} ${format === 'csv' ? 'calls' : 'records'} to ${outFile}`);
      return 0;
    } catch (error) {
      stream.destroy();
      await rm(partial, { force: true });
      throw error;
    }
  } finally {
    reader.close();
  }
}

function verifyCommand(args: string[], io: CliIo, path: string): number {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const report = verifyHistory(path);
  if (values.json === true) {
    line(io.stdout, JSON.stringify(report));
  } else if (report.firstBreak !== null) {
    line(
      io.stdout,
      `History is NOT intact: first broken link at record #${report.firstBreak.seq}${report.firstBreak.table === null ? '' : ` (${report.firstBreak.table})`}.`,
    );
    line(io.stdout, report.firstBreak.message);
    line(io.stdout, `${report.records} records verified before it, from #${report.fromSeq + 1}.`);
  } else {
    const from =
      report.fromSeq === 0 ? 'the first record' : `the retention checkpoint after #${report.fromSeq}`;
    line(
      io.stdout,
      `History intact: ${report.records} records verified from ${from} to #${report.lastVerifiedSeq}.`,
    );
  }
  if (values.json !== true)
    for (const problem of report.indexProblems) line(io.stdout, `Index problem: ${problem}`);
  return report.ok ? 0 : 1;
}

function searchCommand(args: string[], io: CliIo, path: string): number {
  const { values, positionals } = parse(
    args,
    { ...FILTER_OPTIONS, ...PAGE_OPTIONS, session: { type: 'string' } },
    true,
  );
  const text = positionals.join(' ').trim();
  if (text === '') throw new UsageError('search needs the text to look for');
  const sessionId = stringOption(values, 'session');
  const filter = { ...filterFrom(values), ...(sessionId === undefined ? {} : { sessionId }) };
  const reader = openHistoryReader(path);
  try {
    const page = reader.search(text, filter, {
      limit: parsePositive('limit', stringOption(values, 'limit'), true),
      cursor: stringOption(values, 'cursor'),
    });
    printPage(io, values.json === true, page, callLine);
    return 0;
  } finally {
    reader.close();
  }
}

function sessionsCommand(args: string[], io: CliIo, path: string): number {
  const { values } = parse(args, { ...FILTER_OPTIONS, ...PAGE_OPTIONS });
  const reader = openHistoryReader(path);
  try {
    const page = reader.listSessions(filterFrom(values), {
      limit: parsePositive('limit', stringOption(values, 'limit'), true),
      cursor: stringOption(values, 'cursor'),
    });
    printPage(io, values.json === true, page, sessionLine);
    return 0;
  } finally {
    reader.close();
  }
}

function pruneCommand(args: string[], io: CliIo, path: string): number {
  const { values } = parse(args, { days: { type: 'string' }, mb: { type: 'string' } });
  const maxAgeDays = parsePositive('days', stringOption(values, 'days'), false);
  const maxMegabytes = parsePositive('mb', stringOption(values, 'mb'), false);
  if (maxAgeDays === undefined && maxMegabytes === undefined)
    throw new UsageError('prune needs --days N, --mb N or both');
  // Opened for writing without crash recovery: the core may be running and own the open sessions.
  const db = openWritableDatabase(path);
  try {
    const report = pruneDatabase(db, new ChainAppender(db), { maxAgeDays, maxMegabytes }, Date.now());
    line(
      io.stdout,
      report.cutSeq === null
        ? 'Nothing to prune.'
        : `Pruned ${report.removedSessions} sessions (${report.removedRecords} records) up to #${report.cutSeq}.`,
    );
    return 0;
  } finally {
    db.close();
  }
}

/** Runs `airlock history <argv…>` and returns the exit code (0 ok, 1 failed or not intact, 2 bad usage). */
export async function runHistoryCommand(argv: string[], io: CliIo, dataDir: string): Promise<number> {
  const [first, ...rest] = argv[0] === 'history' ? argv.slice(1) : argv;
  const path = historyPath(dataDir);
  try {
    switch (first) {
      case 'export':
        return await exportCommand(rest, io, path);
      case 'verify':
        return verifyCommand(rest, io, path);
      case 'search':
        return searchCommand(rest, io, path);
      case 'sessions':
        return sessionsCommand(rest, io, path);
      case 'prune':
        return pruneCommand(rest, io, path);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(HISTORY_USAGE);
        return first === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown history command "${first}"`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      line(io.stderr, `airlock history: ${message}\n`);
      io.stderr.write(HISTORY_USAGE);
      return 2;
    }
    line(io.stderr, `airlock history: ${message}`);
    return 1;
  }
}
