/**
 * `airlock policy …` command handlers (the lead wires them into the binary):
 * - `check FILE` validates a native or PolicyLayer policy; errors carry line:column and JSON path.
 * - `test --policy FILE --server NAME --tool TOOL --args JSON [--server-info NAME] [--session ID]`
 *   prints the decision as JSON (in-memory counters and pins, so nothing on disk changes).
 * - `import-policylayer FILE` prints the native equivalent of a PolicyLayer policy.
 * - `schema` prints the JSON Schema of the native format.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isJsonObject } from '../../shared/json';
import { fieldsToJson } from '../../shared/policy/fields';
import { formatIssue, locateIssues, parsePolicyText } from '../../shared/policy/parse';
import { importPolicyLayer } from '../../shared/policy/policylayer';
import { policyJsonSchema } from '../../shared/policy/schema';
import { initCommandAnalyzer } from './command/analyzer';
import { createCounterStore } from './counter-store';
import { createPolicyGate } from './gate';
import { createPinStore } from './pin-store';
import { openPolicyDatabase } from './policy-db';

/** Where the handlers write and resolve paths. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

const USAGE = `Usage:
  airlock policy check FILE
  airlock policy test --policy FILE --server NAME --tool TOOL --args JSON [--server-info NAME] [--session ID]
  airlock policy import-policylayer FILE
  airlock policy schema
`;

/** Runs one `airlock policy` subcommand; resolves with the exit code (0 ok, 1 invalid, 2 usage). */
export async function runPolicyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = argv[0] === 'policy' ? argv.slice(1) : [...argv];
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return check(rest, io);
      case 'test':
        return await test(rest, io);
      case 'import-policylayer':
        return importCommand(rest, io);
      case 'schema':
        io.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr.write(`Unknown policy command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function readText(file: string, io: CliIo): string | null {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr.write(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}

/** The one FILE argument of `check` and `import-policylayer`, read; or the exit code (2 usage, 1 unreadable). */
function readFileArgument(rest: string[], io: CliIo): { file: string; text: string } | number {
  const file = rest[0];
  if (!file || rest.length > 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  const text = readText(file, io);
  return text === null ? 1 : { file, text };
}

function check(rest: string[], io: CliIo): number {
  const input = readFileArgument(rest, io);
  if (typeof input === 'number') return input;
  const { file, text } = input;
  const result = parsePolicyText(text);
  if (!result.ok) {
    for (const issue of result.errors) io.stderr.write(`${file}:${formatIssue(issue)}\n`);
    io.stderr.write(
      `${file}: invalid policy (${result.errors.length} error${result.errors.length === 1 ? '' : 's'})\n`,
    );
    return 1;
  }
  for (const w of result.warnings) io.stderr.write(`${file}: warning: ${w}\n`);
  const doc = result.document;
  io.stdout.write(
    `${file}: valid ${result.format === 'airlock' ? 'Airlock' : 'PolicyLayer'} policy (${doc.rules.length} rules, ${doc.tools?.length ?? 0} tool entries, default ${doc.default})\n`,
  );
  return 0;
}

async function test(rest: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: {
      policy: { type: 'string' },
      server: { type: 'string' },
      tool: { type: 'string' },
      args: { type: 'string', default: '{}' },
      'server-info': { type: 'string' },
      session: { type: 'string', default: 'cli-test' },
    },
    strict: true,
  });
  if (!values.policy || !values.server || !values.tool) {
    io.stderr.write(USAGE);
    return 2;
  }
  const text = readText(values.policy, io);
  if (text === null) return 1;
  const parsed = parsePolicyText(text);
  if (!parsed.ok) {
    for (const issue of parsed.errors) io.stderr.write(`${values.policy}:${formatIssue(issue)}\n`);
    return 1;
  }
  let callArgs: unknown;
  try {
    callArgs = JSON.parse(values.args) as unknown;
  } catch {
    io.stderr.write('--args must be a JSON object\n');
    return 2;
  }
  if (!isJsonObject(callArgs)) {
    io.stderr.write('--args must be a JSON object\n');
    return 2;
  }
  const db = openPolicyDatabase(':memory:');
  try {
    const gate = createPolicyGate({
      store: { active: () => parsed.compiled },
      counters: createCounterStore(db),
      pins: createPinStore(db),
      analyzer: await initCommandAnalyzer(),
    });
    const decision = gate.decide({
      sessionId: values.session,
      serverName: values.server,
      ...(values['server-info'] !== undefined && { serverInfoName: values['server-info'] }),
      tool: values.tool,
      arguments: callArgs,
    });
    const out = {
      action: decision.action,
      rule: decision.rule,
      reason: decision.reason,
      ...(decision.expiresInMs !== undefined && { expiresInMs: decision.expiresInMs }),
      fields: fieldsToJson(decision.fields),
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } finally {
    db.close();
  }
}

function importCommand(rest: string[], io: CliIo): number {
  const input = readFileArgument(rest, io);
  if (typeof input === 'number') return input;
  const { file, text } = input;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    io.stderr.write(`${file}: JSON syntax: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const result = importPolicyLayer(value);
  if (!result.ok) {
    for (const issue of locateIssues(text, result.errors)) io.stderr.write(`${file}:${formatIssue(issue)}\n`);
    return 1;
  }
  for (const w of result.warnings) io.stderr.write(`${file}: warning: ${w}\n`);
  io.stdout.write(`${JSON.stringify(result.policy, null, 2)}\n`);
  return 0;
}
