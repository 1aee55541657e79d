/**
 * The command line's manners, through the built `airlock` binary: `--help` on every command and
 * subcommand, exit 2 for usage errors that name the flag, one "airlock …:" prefix per message.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, runCli } from '../support/airlock-harness';

const dataDir = makeDataDir();
const env = { AIRLOCK_DATA_DIR: dataDir };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every command path the dispatcher knows, with a word its help must contain. */
const COMMANDS: readonly (readonly [string[], RegExp])[] = [
  [['mcp'], /airlock mcp --server NAME/],
  [['serve'], /airlock serve .*--port N/],
  [['console-url'], /airlock console-url \[--data-dir DIR\]/],
  [['open'], /airlock open \[--data-dir DIR\]/],
  [['servers'], /airlock servers <command>/],
  [['servers', 'add'], /--answer-early TIME/],
  [['servers', 'edit'], /--unset-env KEY/],
  [['servers', 'list'], /airlock servers list \[--json\]/],
  [['servers', 'show'], /airlock servers show NAME/],
  [['servers', 'remove'], /airlock servers remove NAME/],
  [['servers', 'names'], /airlock servers names/],
  [['servers', 'accept-name'], /airlock servers accept-name NAME/],
  [['policy'], /airlock policy <command>/],
  [['policy', 'check'], /airlock policy check FILE/],
  [['policy', 'test'], /--cases CASES\.jsonl/],
  [['policy', 'import-policylayer'], /airlock policy import-policylayer FILE/],
  [['policy', 'schema'], /JSON Schema/],
  [['policy', 'default'], /first start/],
  [['history'], /airlock history <command>/],
  [['history', 'sessions'], /airlock history sessions/],
  [['history', 'search'], /airlock history search TEXT/],
  [['history', 'export'], /--format jsonl\|csv/],
  [['history', 'verify'], /hash chain/],
  [['history', 'prune'], /--days N/],
];

describe('--help', () => {
  it.each(COMMANDS)('airlock %s --help prints that usage to stdout and exits 0', async (path, expected) => {
    for (const flag of ['--help', '-h']) {
      const result = await runCli([...path, flag], env);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(expected);
    }
    const viaHelp = await runCli(['help', ...path], env);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(expected);
  });

  it('lists every command and notable flag at the top level', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const text of [
      'airlock mcp --server NAME',
      '--elicitation queue|client',
      'airlock serve',
      '--no-console',
      '--policy FILE',
      'airlock console-url',
      'airlock open',
      'airlock servers add NAME',
      '--force',
      '--answer-early',
      'airlock servers edit NAME',
      'show NAME | remove NAME',
      'accept-name NAME',
      'policy check FILE',
      'import-policylayer FILE',
      'policy schema | default',
      '--cases CASES.jsonl',
      'history sessions | search TEXT | export',
      'history prune',
      '--data-dir DIR',
    ]) {
      expect(result.stdout).toContain(text);
    }
  });

  it('leaves --help after -- to the upstream command', async () => {
    const result = await runCli(['mcp', '--', process.execPath, '--help'], env);
    expect(result.stdout).not.toMatch(/Usage: airlock mcp/);
    expect(result.code).toBe(1); // no core is running for this data folder
    expect(result.stderr).toMatch(/core is not running/);
  });

  it('prints the usage to stderr with exit 2 when no command is given', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Usage:/);
  });
});

describe('usage errors', () => {
  const cases: readonly (readonly [string[], RegExp])[] = [
    [['bogus'], /^airlock: unknown command 'bogus'/],
    [['servers'], /^airlock servers: missing subcommand/],
    [['servers', 'frobnicate'], /^airlock servers: unknown subcommand 'frobnicate'/],
    [['servers', 'add', 'x', '--bogus', '--', 'cmd'], /^airlock servers add: unknown option '--bogus'/],
    [['servers', 'add', 'x', '--cwd'], /^airlock servers add: --cwd needs a value/],
    [['servers', 'add', 'x'], /^airlock servers add: give the upstream command after --, or --url/],
    [['servers', 'add'], /^airlock servers add: missing NAME/],
    [
      ['servers', 'add', 'x', '--elicitation', 'maybe', '--', 'c'],
      /--elicitation must be 'queue' or 'client'/,
    ],
    [
      ['servers', 'add', 'x', '--answer-early', '0.2s', '--', 'c'],
      /--answer-early takes a time from 1s to 10m/,
    ],
    [['servers', 'add', 'x', '--url', 'ftp://h/'], /--url must be an http:\/\/ or https:\/\/ URL/],
    [['servers', 'add', 'x', '--env', 'NOEQUALS', '--', 'c'], /--env expects KEY=VALUE, got 'NOEQUALS'/],
    [['servers', 'add', 'x', '--header', 'A=1', '--', 'c'], /--header applies to an HTTP upstream/],
    [['servers', 'edit', 'x', '--force'], /^airlock servers edit: unknown option '--force'/],
    [['serve', '--port', 'seventy'], /^airlock serve: --port must be 0–65535, got 'seventy'/],
    [['serve', '--bogus'], /^airlock serve: unknown option '--bogus'/],
    [['serve', '--port', '-1'], /^airlock serve: --port/],
    [['serve', '--port', '70000'], /^airlock serve: --port must be 0–65535, got '70000'/],
    [['serve', '--port', '80.5'], /^airlock serve: --port must be 0–65535, got '80.5'/],
    [['console-url', '--bogus'], /^airlock console-url: unknown option '--bogus'/],
    [['open', 'extra'], /^airlock open: /],
    [['history'], /^airlock history: missing subcommand/],
    [['history', 'export', '--format', 'xml'], /--format must be jsonl or csv/],
    [['history', 'sessions', '--data-dir'], /--data-dir needs a value/],
    [['policy'], /^airlock policy: missing subcommand/],
    [['policy', 'test', '--policy', 'p.json'], /missing --server, --tool/],
    [['policy', 'check'], /missing FILE/],
    [['mcp', '--serve', 'x'], /unknown option '--serve'/],
  ];

  it.each(cases)('airlock %s exits 2 and names the problem', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/airlock:? airlock/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('never doubles the prefix on a failure either', async () => {
    const result = await runCli(['servers', 'show', 'ghost'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("airlock servers show: no server named 'ghost'\n");
  });
});
