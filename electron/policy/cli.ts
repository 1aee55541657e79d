/**
 * `airlock policy …` command handlers (the lead wires them into the binary):
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
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isJsonObject, type JsonObject } from '../../shared/json';
import type { CompiledPolicy } from '../../shared/policy/compile';
import { DEFAULT_POLICY } from '../../shared/policy/default-policy';
import { fieldsToJson } from '../../shared/policy/fields';
import { splitCommandLine, type LaunchSpec } from '../../shared/policy/launch-identity';
import { formatIssue, locateIssues, parsePolicyText } from '../../shared/policy/parse';
import { importPolicyLayer } from '../../shared/policy/policylayer';
import { ActionSchema, policyJsonSchema, type Action } from '../../shared/policy/schema';
import { resolveDataDir } from '../core/paths';
import { openProfileStore, type ProfileStore } from '../profiles/profile-store';
import { initCommandAnalyzer } from './command/analyzer';
import { createCounterStore } from './counter-store';
import { createPolicyGate, type PolicyDecision, type PolicyGate } from './gate';
import { createLaunchProbe, type LaunchTargetCheck } from './launch-probe';
import { createPinStore } from './pin-store';
import { openPolicyDatabase } from './policy-db';
import {
  describeIdentification,
  profileLaunch,
  type SimulatedIdentification,
  type SimulatedLaunch,
} from './simulation';

/** Where the handlers write and resolve paths. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
  /** The environment for the data folder and launch checks (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

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

/** Reads and compiles `--policy`; the compiled policy, or the exit code (1 invalid, unreadable). */
function readPolicy(file: string, io: CliIo): CompiledPolicy | number {
  const text = readText(file, io);
  if (text === null) return 1;
  const parsed = parsePolicyText(text);
  if (!parsed.ok) {
    for (const issue of parsed.errors) io.stderr.write(`${file}:${formatIssue(issue)}\n`);
    return 1;
  }
  return parsed.compiled;
}

/** A gate over in-memory stores: nothing a simulated call reserves or pins touches the disk. */
async function withTestGate<T>(
  policy: CompiledPolicy,
  targetCheck: LaunchTargetCheck,
  run: (gate: PolicyGate) => T,
): Promise<T> {
  const db = openPolicyDatabase(':memory:');
  try {
    const gate = createPolicyGate({
      store: { active: () => policy },
      counters: createCounterStore(db),
      pins: createPinStore(db),
      analyzer: await initCommandAnalyzer(),
      launchTargetCheck: targetCheck,
    });
    return run(gate);
  } finally {
    db.close();
  }
}

/** The saved profiles, opened only when the data folder has a config file (a test never creates one). */
function savedProfiles(
  dataDirFlag: string | undefined,
  io: CliIo,
): { dir: string; store: ProfileStore | null } {
  const dir = resolveDataDir(dataDirFlag, { ...(io.env ?? process.env) });
  return { dir, store: existsSync(join(dir, 'config.json')) ? openProfileStore(dir) : null };
}

/** What one simulated call is told about its server. */
interface CallSetup {
  readonly serverName: string;
  readonly tool: string;
  readonly serverInfoName?: string;
  /** A launch given with the call (`--launch`, `-- COMMAND…`, a case's `launch`). */
  readonly launch?: LaunchSpec;
  readonly launchSource: string;
  /** How the operator would supply what is missing: `--server-info`/`--launch`, or a case's keys. */
  readonly spelled: { readonly serverInfo: string; readonly launch: string };
}

/**
 * Decides one simulated call in its own throw-away session: the server's launch from the call or its
 * saved profile, the tool-name guess as the last resort, and everything reserved released again.
 */
function simulate(
  gate: PolicyGate,
  call: CallSetup & { readonly sessionId: string; readonly arguments: JsonObject },
  profiles: { dir: string; store: ProfileStore | null },
  io: CliIo,
  targetCheck: LaunchTargetCheck,
): { decision: PolicyDecision; identification: SimulatedIdentification } {
  const tried: string[] = [];
  if (call.serverInfoName === undefined) tried.push(`no ${call.spelled.serverInfo}`);
  let launch: SimulatedLaunch | undefined;
  if (call.launch) {
    launch = { source: call.launchSource, launch: call.launch, identity: null };
  } else {
    let profile;
    try {
      profile = profiles.store?.get(call.serverName);
    } catch (error) {
      tried.push(error instanceof Error ? error.message : String(error));
    }
    const spec = profile ? profileLaunch(profile, io.env ?? process.env) : null;
    if (spec) launch = { source: `the saved profile "${call.serverName}"`, launch: spec, identity: null };
    else if (profile) tried.push(`the saved profile "${call.serverName}" is an HTTP upstream`);
    else tried.push(`no saved profile "${call.serverName}" in ${profiles.dir}`, `no ${call.spelled.launch}`);
  }
  if (launch)
    launch = { ...launch, identity: gate.registerLaunch(call.serverName, launch.launch, call.sessionId) };
  const decision = gate.decide({
    sessionId: call.sessionId,
    serverName: call.serverName,
    ...(call.serverInfoName !== undefined && { serverInfoName: call.serverInfoName }),
    tool: call.tool,
    arguments: call.arguments,
    guessFromToolName: true,
  });
  gate.onResult(decision.callId, false);
  gate.onSessionEnd(call.sessionId);
  const identification = describeIdentification(decision.fields, {
    serverName: call.serverName,
    tool: call.tool,
    ...(call.serverInfoName !== undefined && { serverInfoName: call.serverInfoName }),
    ...(launch && { launch }),
    tried,
    targetCheck,
  });
  return { decision, identification };
}

/** `--launch "COMMAND ARGS…"` or the words after `--` as a launch; a string on a usage error. */
function launchOption(
  text: string | undefined,
  words: readonly string[] | undefined,
): LaunchSpec | undefined | string {
  if (text !== undefined && words !== undefined)
    return 'give the launch either with --launch or after --, not both';
  const split = text === undefined ? words : splitCommandLine(text);
  if (split === null) return '--launch needs a command line (check its quotes)';
  if (split === undefined) return undefined;
  const [command, ...args] = split;
  if (command === undefined || command === '') return 'the launch needs a command after --';
  return { command, args };
}

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
  if (!values.policy || !values.server || !values.tool) {
    io.stderr.write(USAGE);
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

const caseSchema = z.strictObject({
  name: z.string().optional(),
  server: z.string().min(1),
  tool: z.string().min(1),
  args: z.record(z.string(), z.json()).optional(),
  expect: ActionSchema,
  rule: z.string().min(1).optional(),
  serverInfo: z.string().min(1).optional(),
  /** The server's launch: a command line, or `[COMMAND, ARG…]`. */
  launch: z.union([z.string().min(1), z.array(z.string()).min(1)]).optional(),
});

/** One parsed case with the line it came from. */
interface PolicyCase {
  readonly line: number;
  readonly name?: string;
  readonly server: string;
  readonly tool: string;
  readonly args: JsonObject;
  readonly expect: Action;
  readonly rule?: string;
  readonly serverInfo?: string;
  readonly launch?: LaunchSpec;
}

/** Parses a cases file; every invalid line is reported (with its number), none is skipped silently. */
function parseCases(text: string, file: string): { cases: PolicyCase[]; errors: string[] } {
  const cases: PolicyCase[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed) as unknown;
    } catch (error) {
      errors.push(`${file}:${line}: not JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!isJsonObject(value)) {
      errors.push(`${file}:${line}: a case must be a JSON object`);
      return;
    }
    const parsed = caseSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        errors.push(`${file}:${line}: ${where}${issue.message}`);
      }
      return;
    }
    const c = parsed.data;
    let launch: LaunchSpec | undefined;
    if (c.launch !== undefined) {
      const words = typeof c.launch === 'string' ? splitCommandLine(c.launch) : c.launch;
      const [command, ...args] = words ?? [];
      if (command === undefined || command === '') {
        errors.push(`${file}:${line}: launch: needs a command line (check its quotes)`);
        return;
      }
      launch = { command, args };
    }
    cases.push({
      line,
      ...(c.name !== undefined && { name: c.name }),
      server: c.server,
      tool: c.tool,
      args: c.args ?? {},
      expect: c.expect,
      ...(c.rule !== undefined && { rule: c.rule }),
      ...(c.serverInfo !== undefined && { serverInfo: c.serverInfo }),
      ...(launch && { launch }),
    });
  });
  return { cases, errors };
}

async function runCases(
  policyFile: string,
  casesFile: string,
  dataDirFlag: string | undefined,
  io: CliIo,
): Promise<number> {
  const text = readText(casesFile, io);
  if (text === null) return 2;
  const { cases, errors } = parseCases(text, casesFile);
  if (errors.length > 0) {
    for (const e of errors) io.stderr.write(`${e}\n`);
    io.stderr.write(
      `${casesFile}: ${errors.length} invalid case line${errors.length === 1 ? '' : 's'}; no case was run\n`,
    );
    return 2;
  }
  if (cases.length === 0) {
    io.stderr.write(`${casesFile}: no cases\n`);
    return 2;
  }
  const policy = readPolicy(policyFile, io);
  if (typeof policy === 'number') return 2;
  const targetCheck = createLaunchProbe({ env: io.env ?? process.env });
  const profiles = savedProfiles(dataDirFlag, io);
  const failed = await withTestGate(policy, targetCheck, (gate) => {
    let failures = 0;
    for (const c of cases) {
      const where = `${casesFile}:${c.line}${c.name === undefined ? '' : ` (${c.name})`}`;
      const { decision, identification } = simulate(
        gate,
        {
          sessionId: `case-${c.line}`,
          serverName: c.server,
          tool: c.tool,
          ...(c.serverInfo !== undefined && { serverInfoName: c.serverInfo }),
          ...(c.launch && { launch: c.launch }),
          launchSource: 'the case',
          spelled: { serverInfo: '"serverInfo"', launch: '"launch"' },
          arguments: c.args,
        },
        profiles,
        io,
        targetCheck,
      );
      if (identification.warning !== undefined)
        io.stderr.write(`${where}: warning: ${identification.warning}\n`);
      const actionOk = decision.action === c.expect;
      const ruleOk = c.rule === undefined || decision.rule === c.rule;
      if (actionOk && ruleOk) continue;
      failures++;
      const expected = c.rule === undefined ? c.expect : `${c.expect} by rule ${c.rule}`;
      io.stdout.write(
        `FAIL ${where}: expected ${expected}, got ${decision.action} by rule ${decision.rule}: ${decision.reason}\n`,
      );
    }
    return failures;
  });
  io.stdout.write(`${cases.length - failed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
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
