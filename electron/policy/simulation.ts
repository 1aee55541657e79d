/**
 * Server identification for simulated calls (`airlock policy test`, the console's "test a call"): a
 * simulated call has no live `tools/list` and often no `serverInfo`, so the server is identified from
 * what the operator saved or said (a profile's launch, `--launch`), as a last resort guessed from the
 * tool name, and the result always says how, with a warning when it is a guess or nothing identified it.
 */
import type { CallFields } from '../../shared/policy/fields';
import type { LaunchIdentity, LaunchSpec } from '../../shared/policy/launch-identity';
import type { ServerProfile } from '../profiles/profile';
import type { LaunchTargetCheck } from './launch-probe';

/** How a simulated call's server was identified, for stderr, JSON output and the console. */
export interface SimulatedIdentification {
  /** The adapter used, or null for an unknown server. */
  readonly adapter: string | null;
  readonly by: CallFields['identifiedBy'];
  /** One sentence: how the adapter (and the target, when the launch names one) was found. */
  readonly detail: string;
  /** Present when the identification is a guess or failed: the result may not match a live session. */
  readonly warning?: string;
}

/** A launch the simulator registered for the server, and where it came from. */
export interface SimulatedLaunch {
  /** For messages: `the saved profile "prod"`, `--launch`. */
  readonly source: string;
  readonly launch: LaunchSpec;
  readonly identity: LaunchIdentity | null;
}

/**
 * The launch a saved stdio profile runs, with the environment its child would get (the profile's
 * variables over `baseEnv`); null for an HTTP profile.
 */
export function profileLaunch(
  profile: ServerProfile,
  baseEnv: Readonly<Record<string, string | undefined>>,
): LaunchSpec | null {
  if (profile.command === undefined) return null;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
  return { command: profile.command, args: profile.args, env: { ...env, ...profile.env } };
}

/** What the simulator tried, for the message when nothing (certain) identified the server. */
export interface IdentificationContext {
  readonly serverName: string;
  readonly tool: string;
  readonly serverInfoName?: string;
  readonly launch?: SimulatedLaunch;
  /** Sources that were looked at and gave nothing, e.g. `no saved profile "x"`. */
  readonly tried: readonly string[];
  /** The same check the gate was given, to say whether the launch's target flags were used. */
  readonly targetCheck?: LaunchTargetCheck;
}

/** Describes the identification a decision's fields record. */
export function describeIdentification(
  fields: CallFields,
  ctx: IdentificationContext,
): SimulatedIdentification {
  const adapter = fields.adapter;
  const base = { adapter, by: fields.identifiedBy };
  const identity = ctx.launch?.identity ?? null;
  const target = identity?.adapter.id === adapter ? targetSentence(identity, ctx) : '';
  switch (fields.identifiedBy) {
    case 'tool-set':
      return { ...base, detail: `${adapter ?? ''} identified by the tool set of ${ctx.serverName}${target}` };
    case 'server-info':
      return {
        ...base,
        detail: `${adapter ?? ''} identified by the serverInfo name "${ctx.serverInfoName ?? ''}"${target}`,
      };
    case 'launch':
      return {
        ...base,
        detail: `${adapter ?? ''} identified from the launch command of ${ctx.launch?.source ?? 'the server'} (${identity?.via ?? ''})${target}`,
      };
    case 'tool-name':
      return {
        ...base,
        detail: `${adapter ?? ''} guessed from the tool name "${ctx.tool}", which no other known server has`,
        warning: `${ctx.serverName} was not identified (${triedText(ctx)}); ${adapter ?? ''} is a guess from the tool name "${ctx.tool}", so the result is wrong if ${ctx.serverName} is another server`,
      };
    case 'none':
      return {
        ...base,
        detail: `${ctx.serverName} is not identified: judged as an unknown server`,
        warning: `${ctx.serverName} could not be identified (${triedText(ctx)}, and no known server has a tool named "${ctx.tool}" alone): it is judged as an unknown server (risk unknown, no ssh.* fields), so the result may differ from a live session`,
      };
  }
}

function triedText(ctx: IdentificationContext): string {
  const tried = [...ctx.tried];
  if (ctx.launch && !ctx.launch.identity)
    tried.push(`the launch command of ${ctx.launch.source} names no known server`);
  return tried.join('; ');
}

function targetSentence(identity: LaunchIdentity, ctx: IdentificationContext): string {
  const target = identity.target;
  const launch = ctx.launch;
  if (!target || !launch)
    return identity.notes.length > 0 ? `; no target from its flags: ${identity.notes.join('; ')}` : '';
  const who = `${target.user}@${target.host}:${target.port}`;
  if (!ctx.targetCheck?.(identity, launch.launch)) {
    return `; its flags name ${who}, but they are not used: ssh-mcp reads its default config file instead`;
  }
  return `; calls without a profile (or naming "${target.name}") go to ${who}, from its launch flags`;
}
