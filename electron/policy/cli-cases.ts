/** `airlock policy test --policy FILE --cases CASES.jsonl`: many expected decisions checked in one process. */
import { z } from 'zod';
import { isJsonObject, type JsonObject } from '../../shared/json';
import { splitCommandLine } from '../../shared/policy/command-line';
import type { LaunchSpec } from '../../shared/policy/launch-identity';
import { ActionSchema, type Action } from '../../shared/policy/schema';
import { readPolicy, readText, type CliIo } from './cli-io';
import { savedProfiles, simulate, withTestGate } from './cli-simulate';
import { createLaunchProbe } from './launch-probe';

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

/** Runs every case; exit 0 when all pass, 1 on any mismatch, 2 on usage or an invalid case line. */
export async function runCases(
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
