/**
 * The profile options of `airlock servers add` and `airlock servers edit`, from parsed flags to a profile.
 * Pure: every bad value becomes a UsageError that names its flag, before anything is saved.
 */
import type { ServerProfile, ServerProfileInput } from '../profiles/profile';
import { UsageError } from './cli-errors';

/** parseArgs options shared by add and edit. */
export const PROFILE_OPTIONS = {
  'data-dir': { type: 'string' },
  description: { type: 'string' },
  env: { type: 'string', multiple: true },
  cwd: { type: 'string' },
  url: { type: 'string' },
  header: { type: 'string', multiple: true },
  elicitation: { type: 'string' },
  'answer-early': { type: 'string' },
} as const;

/** Options only `edit` has: removing single entries. */
export const EDIT_ONLY_OPTIONS = {
  'unset-env': { type: 'string', multiple: true },
  'unset-header': { type: 'string', multiple: true },
} as const;

/** The answer-early delay range the profile schema accepts. */
const ANSWER_EARLY_MS = { min: 1000, max: 600_000 } as const;
const MAX_DESCRIPTION = 500;

/** What the flags ask for; `undefined` means "not given". */
export interface ProfileFlags {
  readonly description?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly unsetEnv: readonly string[];
  readonly cwd?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly unsetHeaders: readonly string[];
  readonly elicitation?: 'queue' | 'client';
  /** A delay in ms, or `off`. */
  readonly answerEarly?: number | 'off';
  /** The upstream command line after `--`. */
  readonly launch?: { readonly command: string; readonly args: readonly string[] };
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function strings(values: Values, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function single(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function pairs(command: string, flag: string, items: readonly string[], key: RegExp, what: string) {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const name = eq === -1 ? item : item.slice(0, eq);
    if (eq <= 0) throw new UsageError(command, `${flag} expects KEY=VALUE, got '${item}'`);
    if (!key.test(name)) throw new UsageError(command, `${flag}: '${name}' is not ${what}`);
    const value = item.slice(eq + 1);
    if (/[\r\n\0]/.test(value))
      throw new UsageError(command, `${flag} ${name}: the value must not contain line breaks or NUL`);
    out[name] = value;
  }
  return out;
}

const ENV_KEY = /^[^=\0]+$/;
/** An HTTP header name is an RFC 9110 token. */
const HEADER_KEY = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses a duration such as `25s`, `1500ms`, `2m` or a bare number of seconds, into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] ?? 's';
  const scale = unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000;
  return Math.round(Number(match[1]) * scale);
}

/** Reads and checks every profile flag; `after` is the argv after `--`, if one was given. */
export function readProfileFlags(command: string, values: Values, after: string[] | undefined): ProfileFlags {
  const description = single(values, 'description');
  if (description !== undefined && description.length > MAX_DESCRIPTION)
    throw new UsageError(command, `--description is at most ${MAX_DESCRIPTION} characters`);
  const url = single(values, 'url');
  if (url !== undefined && !isHttpUrl(url))
    throw new UsageError(command, `--url must be an http:// or https:// URL, got '${url}'`);
  const elicitation = single(values, 'elicitation');
  if (elicitation !== undefined && elicitation !== 'queue' && elicitation !== 'client')
    throw new UsageError(command, `--elicitation must be 'queue' or 'client', got '${elicitation}'`);
  const early = single(values, 'answer-early');
  let answerEarly: number | 'off' | undefined;
  if (early !== undefined) {
    const ms = early === 'off' ? 'off' : parseDuration(early);
    if (ms === undefined || (ms !== 'off' && (ms < ANSWER_EARLY_MS.min || ms > ANSWER_EARLY_MS.max)))
      throw new UsageError(
        command,
        `--answer-early takes a time from 1s to 10m (e.g. 25s, 1500ms, 2m) or 'off', got '${early}'`,
      );
    answerEarly = ms;
  }
  if (after !== undefined && after[0] === undefined)
    throw new UsageError(command, 'nothing after --: give the upstream command there');
  const [first, ...rest] = after ?? [];
  return {
    ...(description !== undefined && { description }),
    env: pairs(command, '--env', strings(values, 'env'), ENV_KEY, 'a variable name'),
    unsetEnv: strings(values, 'unset-env'),
    ...(single(values, 'cwd') !== undefined && { cwd: single(values, 'cwd') }),
    ...(url !== undefined && { url }),
    headers: pairs(command, '--header', strings(values, 'header'), HEADER_KEY, 'an HTTP header name'),
    unsetHeaders: strings(values, 'unset-header'),
    ...(elicitation !== undefined && { elicitation }),
    ...(answerEarly !== undefined && { answerEarly }),
    ...(first !== undefined && { launch: { command: first, args: rest } }),
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Stdio-only and HTTP-only options must match the transport the profile ends up with. */
function checkTransport(command: string, profile: ServerProfileInput): void {
  if (profile.url !== undefined) {
    if (Object.keys(profile.env ?? {}).length > 0 || profile.cwd !== undefined)
      throw new UsageError(command, '--env and --cwd apply to a stdio upstream (a command), not to --url');
  } else if (Object.keys(profile.headers ?? {}).length > 0) {
    throw new UsageError(command, '--header applies to an HTTP upstream (--url), not to a command');
  }
}

/** The profile `servers add NAME` saves. */
export function profileToAdd(command: string, name: string, flags: ProfileFlags): ServerProfileInput {
  if (flags.url !== undefined && flags.launch !== undefined)
    throw new UsageError(command, 'give exactly one of a command (after --) or --url, not both');
  if (flags.url === undefined && flags.launch === undefined)
    throw new UsageError(command, 'give the upstream command after --, or --url URL');
  if (flags.cwd === '') throw new UsageError(command, '--cwd needs a folder');
  const profile: ServerProfileInput = {
    name,
    ...(flags.launch && { command: flags.launch.command, args: [...flags.launch.args] }),
    ...(flags.url !== undefined && { url: flags.url }),
    env: { ...flags.env },
    headers: { ...flags.headers },
    ...(flags.cwd !== undefined && { cwd: flags.cwd }),
    ...(flags.description !== undefined && flags.description !== '' && { description: flags.description }),
    ...(flags.elicitation !== undefined && { elicitation: flags.elicitation }),
    ...(typeof flags.answerEarly === 'number' && {
      answerEarly: { enabled: true, afterMs: flags.answerEarly },
    }),
  };
  checkTransport(command, profile);
  return profile;
}

function without(
  record: Readonly<Record<string, string>>,
  keys: readonly string[],
  flag: string,
  command: string,
): Record<string, string> {
  for (const key of keys)
    if (!(key in record))
      throw new UsageError(command, `${flag} ${key}: the profile has no entry named ${key}`);
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** The profile `servers edit NAME` saves: `existing` with only the given options changed. */
export function profileAfterEdit(
  command: string,
  existing: ServerProfile,
  flags: ProfileFlags,
): { profile: ServerProfileInput; changed: string[] } {
  if (flags.url !== undefined && flags.launch !== undefined)
    throw new UsageError(command, 'give exactly one of a command (after --) or --url, not both');
  const changed: string[] = [];
  const next: ServerProfileInput = {
    ...existing,
    env: { ...existing.env },
    headers: { ...existing.headers },
  };
  if (flags.launch) {
    next.command = flags.launch.command;
    next.args = [...flags.launch.args];
    // Switching to stdio: HTTP-only settings would be meaningless and shown as if they applied.
    if (next.url !== undefined) changed.push('url and headers removed (a command replaces them)');
    delete next.url;
    next.headers = {};
    changed.push('command');
  }
  if (flags.url !== undefined) {
    next.url = flags.url;
    if (next.command !== undefined) {
      changed.push('command, env and cwd removed (a url replaces them)');
      delete next.command;
      next.args = [];
      next.env = {};
      delete next.cwd;
    }
    changed.push('url');
  }
  if (Object.keys(flags.env).length > 0 || flags.unsetEnv.length > 0) {
    next.env = without({ ...next.env, ...flags.env }, flags.unsetEnv, '--unset-env', command);
    changed.push('env');
  }
  if (Object.keys(flags.headers).length > 0 || flags.unsetHeaders.length > 0) {
    next.headers = without(
      { ...next.headers, ...flags.headers },
      flags.unsetHeaders,
      '--unset-header',
      command,
    );
    changed.push('headers');
  }
  if (flags.cwd !== undefined) {
    if (flags.cwd === '') delete next.cwd;
    else next.cwd = flags.cwd;
    changed.push('cwd');
  }
  if (flags.description !== undefined) {
    if (flags.description === '') delete next.description;
    else next.description = flags.description;
    changed.push('description');
  }
  if (flags.elicitation !== undefined) {
    next.elicitation = flags.elicitation;
    changed.push('elicitation');
  }
  if (flags.answerEarly !== undefined) {
    if (typeof flags.answerEarly === 'number')
      next.answerEarly = { enabled: true, afterMs: flags.answerEarly };
    else if (existing.answerEarly) next.answerEarly = { ...existing.answerEarly, enabled: false };
    changed.push('answer early');
  }
  if (changed.length === 0) throw new UsageError(command, 'nothing to change: give at least one option');
  checkTransport(command, next);
  return { profile: next, changed };
}
