/** Converts between a profile view and the Servers form's text fields. */
import type { ServerProfileInput } from '../../../shared/contract/schemas';
import type { ServerProfileView } from '../../../shared/contract/views';

/** The form's fields, all text. */
export interface ProfileFields {
  readonly name: string;
  readonly transport: 'stdio' | 'http';
  readonly command: string;
  /** One argument per line (arguments may contain spaces). */
  readonly args: string;
  readonly cwd: string;
  /** KEY=value per line; left empty, saved values are kept. */
  readonly env: string;
  readonly url: string;
}

/** Empty fields for a new profile. */
export const EMPTY_FIELDS: ProfileFields = {
  name: '',
  transport: 'stdio',
  command: '',
  args: '',
  cwd: '',
  env: '',
  url: '',
};

/** Fields for editing a saved profile (environment values are never shown). */
export function fieldsOf(profile: ServerProfileView): ProfileFields {
  if (profile.transport === 'http')
    return { ...EMPTY_FIELDS, name: profile.name, transport: 'http', url: profile.url };
  return {
    ...EMPTY_FIELDS,
    name: profile.name,
    command: profile.command,
    args: profile.args.join('\n'),
    cwd: profile.cwd ?? '',
  };
}

/** The profile to save, or an error message. */
export function toInput(fields: ProfileFields): { input: ServerProfileInput } | { error: string } {
  const name = fields.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    return { error: 'Name: use letters, digits, dot, dash or underscore (max 64).' };
  if (fields.transport === 'http') {
    if (!/^https?:\/\//.test(fields.url.trim())) return { error: 'URL must start with http:// or https://.' };
    return { input: { name, transport: 'http', url: fields.url.trim() } };
  }
  if (fields.command.trim() === '') return { error: 'Command is required.' };
  const env: Record<string, string> = {};
  for (const line of fields.env.split('\n')) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      return { error: `Environment line "${line.slice(0, 40)}" is not KEY=value.` };
    env[key] = line.slice(eq + 1);
  }
  const args = fields.args.split('\n').filter((a) => a !== '');
  return {
    input: {
      name,
      transport: 'stdio',
      command: fields.command.trim(),
      args,
      cwd: fields.cwd.trim() === '' ? null : fields.cwd.trim(),
      ...(Object.keys(env).length === 0 ? {} : { env }),
    },
  };
}
