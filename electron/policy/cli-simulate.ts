/**
 * Simulated calls for `airlock policy test`: a gate over in-memory stores, the server identified from
 * the call's launch, its saved profile or (as a last resort) the tool name, and nothing kept.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../shared/json';
import type { CompiledPolicy } from '../../shared/policy/compile';
import { splitCommandLine } from '../../shared/policy/command-line';
import type { LaunchSpec } from '../../shared/policy/launch-identity';
import { resolveDataDir } from '../core/paths';
import { openProfileStore, type ProfileStore } from '../profiles/profile-store';
import type { CliIo } from './cli-io';
import { initCommandAnalyzer } from './command/analyzer';
import { createCounterStore } from './counter-store';
import { createPolicyGate, type PolicyDecision, type PolicyGate } from './gate';
import type { LaunchTargetCheck } from './launch-probe';
import { createPinStore } from './pin-store';
import { openPolicyDatabase } from './policy-db';
import {
  describeIdentification,
  profileLaunch,
  type SimulatedIdentification,
  type SimulatedLaunch,
} from './simulation';

/** A gate over in-memory stores: nothing a simulated call reserves or pins touches the disk. */
export async function withTestGate<T>(
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
export function savedProfiles(
  dataDirFlag: string | undefined,
  io: CliIo,
): { dir: string; store: ProfileStore | null } {
  const dir = resolveDataDir(dataDirFlag, { ...(io.env ?? process.env) });
  return { dir, store: existsSync(join(dir, 'config.json')) ? openProfileStore(dir) : null };
}

/** What one simulated call is told about its server. */
export interface CallSetup {
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
export function simulate(
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
export function launchOption(
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
