/**
 * `airlock policy …` command handlers (electron/cli/policy-command.ts dispatches to them):
 * - `check FILE` validates a native or PolicyLayer policy; errors carry line:column and JSON path.
 * - `test --policy FILE --server NAME --tool TOOL --args JSON [--server-info NAME] [--launch "CMD ARGS…"]
 *   [--data-dir DIR] [--session ID] [-- COMMAND ARGS…]` prints the decision as JSON (in-memory counters
 *   and pins, so nothing on disk changes). Without `--server-info` the server is identified from
 *   `--launch` (or the command after `--`), else the saved profile `NAME` in the data folder, else the
 *   tool name when only one known server has it; stderr and the JSON's `identification` say which,
 *   with a warning when it is a guess or failed.
 * - `test --policy FILE --cases CASES.jsonl`: one case per line, `{"server", "tool", "args", "expect",
 *   "rule"?, "serverInfo"?, "launch"?, "name"?}`; blank lines and `#` or `//` lines are skipped. One line
 *   per mismatch and a summary; exit 0 all pass, 1 any mismatch, 2 usage or an invalid case line.
 * - `import-policylayer FILE` prints the native equivalent of a PolicyLayer policy.
 * - `schema` prints the JSON Schema of the native format.
 * - `default` prints the policy written on first start.
 */
import { parseArgs } from 'node:util';
import { isJsonObject } from '../../shared/json';
import { DEFAULT_POLICY } from '../../shared/policy/default-policy';
import { fieldsToJson } from '../../shared/policy/fields';
import { formatIssue, locateIssues, parsePolicyText } from '../../shared/policy/parse';
import { importPolicyLayer } from '../../shared/policy/policylayer';
import { policyJsonSchema } from '../../shared/policy/schema';
import { runCases } from './cli-cases';
import { readPolicy, readText, type CliIo } from './cli-io';
import { launchOption, savedProfiles, simulate, withTestGate } from './cli-simulate';
import { createLaunchProbe } from './launch-probe';

export type { CliIo } from './cli-io';

const USAGE = `Usage:
  airlock policy check FILE
  airlock policy test --policy FILE --server NAME --tool TOOL --args JSON
                      [--server-info NAME] [--launch "COMMAND ARGS…"] [--data-dir DIR] [--session ID]
                      [-- COMMAND ARGS…]
      Prints the decision as JSON. Without --server-info, the server is identified from --launch (or
      the command after --), else the saved profile NAME, else the tool name; stderr says how.
  airlock policy test --policy FILE --cases CASES.jsonl [--data-dir DIR]
      One JSON case a line: {"server","tool","args","expect","rule"?,"serverInfo"?,"launch"?,"name"?}.
      Exit 0 when every case passes, 1 on a mismatch, 2 on an invalid line.
  airlock policy import-policylayer FILE
  airlock policy schema
  airlock policy default
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
      case 'default':
        if (rest.length > 0) {
          io.stderr.write(USAGE);
          return 2;
        }
        io.stdout.write(`${JSON.stringify(DEFAULT_POLICY, null, 2)}\n`);
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

/** The one FILE argument of `check` and `import-policylayer`, read; or the exit code (2 usage, 1 unreadable). */
function readFileArgument(rest: string[], io: CliIo): { file: string; text: string } | number {
  const file = rest[0];
  if (!file || rest.length > 1) {
    io.stderr.write(`${file ? `unexpected argument '${rest[1] ?? ''}'` : 'missing FILE'}\n${USAGE}`);
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

/** Reads and compiles `--policy`; the compiled policy, or the exit code (1 invalid, unreadable). */
async function test(rest: string[], io: CliIo): Promise<number> {
  const dd = rest.indexOf('--');
  const { values } = parseArgs({
    args: dd === -1 ? rest : rest.slice(0, dd),
    options: {
      policy: { type: 'string' },
      server: { type: 'string' },
      tool: { type: 'string' },
      args: { type: 'string' },
      'server-info': { type: 'string' },
      launch: { type: 'string' },
      'data-dir': { type: 'string' },
      session: { type: 'string', default: 'cli-test' },
      cases: { type: 'string' },
    },
    strict: true,
  });
  const launch = launchOption(values.launch, dd === -1 ? undefined : rest.slice(dd + 1));
  if (typeof launch === 'string') {
    io.stderr.write(`${launch}\n${USAGE}`);
    return 2;
  }
  if (values.cases !== undefined) {
    const single = [values.server, values.tool, values.args, values['server-info'], launch];
    if (!values.policy || single.some((v) => v !== undefined)) {
      io.stderr.write(`--cases takes only --policy and --data-dir\n${USAGE}`);
      return 2;
    }
    return runCases(values.policy, values.cases, values['data-dir'], io);
  }
  const missing = (['policy', 'server', 'tool'] as const).filter((flag) => !values[flag]);
  if (missing.length > 0 || values.policy === undefined) {
    io.stderr.write(`missing ${missing.map((flag) => `--${flag}`).join(', ')}\n${USAGE}`);
    return 2;
  }
  let callArgs: unknown;
  try {
    callArgs = JSON.parse(values.args ?? '{}') as unknown;
  } catch {
    io.stderr.write('--args must be a JSON object\n');
    return 2;
  }
  if (!isJsonObject(callArgs)) {
    io.stderr.write('--args must be a JSON object\n');
    return 2;
  }
  const policy = readPolicy(values.policy, io);
  if (typeof policy === 'number') return policy;
  const targetCheck = createLaunchProbe({ env: io.env ?? process.env });
  const profiles = launch ? { dir: '', store: null } : savedProfiles(values['data-dir'], io);
  const { decision, identification } = await withTestGate(policy, targetCheck, (gate) =>
    simulate(
      gate,
      {
        sessionId: values.session,
        serverName: values.server ?? '',
        tool: values.tool ?? '',
        ...(values['server-info'] !== undefined && { serverInfoName: values['server-info'] }),
        ...(launch && { launch }),
        launchSource: values.launch === undefined ? 'the command after --' : '--launch',
        spelled: { serverInfo: '--server-info', launch: '--launch' },
        arguments: callArgs,
      },
      profiles,
      io,
      targetCheck,
    ),
  );
  io.stderr.write(
    identification.warning === undefined
      ? `airlock policy test: ${identification.detail}\n`
      : `airlock policy test: warning: ${identification.warning}\n`,
  );
  const out = {
    action: decision.action,
    rule: decision.rule,
    reason: decision.reason,
    ...(decision.expiresInMs !== undefined && { expiresInMs: decision.expiresInMs }),
    identification,
    fields: fieldsToJson(decision.fields),
  };
  io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
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
