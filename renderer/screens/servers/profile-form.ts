/** Converts between a profile view and the Servers form's text fields. */
import { ANSWER_EARLY_BOUNDS, type ServerProfileInput } from '../../../shared/contract/schemas';
import type { ServerProfileView } from '../../../shared/contract/views';

/** The form's fields, all text. */
export interface ProfileFields {
  readonly name: string;
  readonly description: string;
  readonly transport: 'stdio' | 'http';
  readonly command: string;
  /** One argument per line (arguments may contain spaces). */
  readonly args: string;
  readonly cwd: string;
  /** KEY=value per line; left empty, saved values are kept. */
  readonly env: string;
  readonly url: string;
  /** Header: value per line; left empty, saved values are kept. */
  readonly headers: string;
  readonly elicitation: 'queue' | 'client';
  /** Seconds before answering "pending approval, retry"; empty for off. */
  readonly answerEarly: string;
}

/** Empty fields for a new profile. */
export const EMPTY_FIELDS: ProfileFields = {
  name: '',
  description: '',
  transport: 'stdio',
  command: '',
  args: '',
  cwd: '',
  env: '',
  url: '',
  headers: '',
  elicitation: 'queue',
  answerEarly: '',
};

/** Fields for editing a saved profile (environment and header values are never shown). */
export function fieldsOf(profile: ServerProfileView): ProfileFields {
  const common = {
    ...EMPTY_FIELDS,
    name: profile.name,
    description: profile.description ?? '',
    elicitation: profile.elicitation,
    answerEarly: profile.answerEarlyMs === null ? '' : String(profile.answerEarlyMs / 1000),
  };
  if (profile.transport === 'http') return { ...common, transport: 'http', url: profile.url };
  return {
    ...common,
    command: profile.command,
    args: profile.args.join('\n'),
    cwd: profile.cwd ?? '',
  };
}

type Parsed<T> = { value: T } | { error: string };

function lines(
  text: string,
  separator: '=' | ':',
  key: RegExp,
  what: string,
): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const at = line.indexOf(separator);
    const name = at > 0 ? line.slice(0, at).trim() : '';
    if (!key.test(name)) return { error: `${what} line "${line.slice(0, 40)}" is not KEY${separator}value.` };
    out[name] = separator === ':' ? line.slice(at + 1).trim() : line.slice(at + 1);
  }
  return { value: out };
}

function answerEarlyMs(text: string): Parsed<number | null> {
  if (text.trim() === '') return { value: null };
  const seconds = Number(text.trim());
  const ms = Math.round(seconds * 1000);
  if (!Number.isFinite(seconds) || ms < ANSWER_EARLY_BOUNDS.min || ms > ANSWER_EARLY_BOUNDS.max) {
    return {
      error: `Answer early: enter seconds between ${ANSWER_EARLY_BOUNDS.min / 1000} and ${ANSWER_EARLY_BOUNDS.max / 1000}, or leave it empty for off.`,
    };
  }
  return { value: ms };
}

const HEADER_KEY = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The profile to save, or an error message. */
export function toInput(fields: ProfileFields): { input: ServerProfileInput } | { error: string } {
  const name = fields.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    return { error: 'Name: use letters, digits, dot, dash or underscore (max 64).' };
  if (fields.description.length > 500) return { error: 'Description: at most 500 characters.' };
  const early = answerEarlyMs(fields.answerEarly);
  if ('error' in early) return early;
  const options = {
    description: fields.description.trim(),
    elicitation: fields.elicitation,
    answerEarlyMs: early.value,
  };
  if (fields.transport === 'http') {
    if (!/^https?:\/\//.test(fields.url.trim())) return { error: 'URL must start with http:// or https://.' };
    const headers = lines(fields.headers, ':', HEADER_KEY, 'Header');
    if ('error' in headers) return headers;
    return {
      input: {
        ...options,
        name,
        transport: 'http',
        url: fields.url.trim(),
        ...(Object.keys(headers.value).length === 0 ? {} : { headers: headers.value }),
      },
    };
  }
  if (fields.command.trim() === '') return { error: 'Command is required.' };
  const env = lines(fields.env, '=', ENV_KEY, 'Environment');
  if ('error' in env) return env;
  const args = fields.args.split('\n').filter((a) => a !== '');
  return {
    input: {
      ...options,
      name,
      transport: 'stdio',
      command: fields.command.trim(),
      args,
      cwd: fields.cwd.trim() === '' ? null : fields.cwd.trim(),
      ...(Object.keys(env.value).length === 0 ? {} : { env: env.value }),
    },
  };
}
