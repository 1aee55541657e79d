/**
 * `airlock servers add|edit|list|show|remove`: manage saved upstream profiles from scripts; `names` and
 * `accept-name` for the names inline upstreams claim with `airlock mcp --name`.
 */
import { resolveDataDir } from '../core/paths';
import { InvalidProfileError, openProfileStore, type ProfileStore } from '../profiles/profile-store';
import type { ServerProfileInput } from '../profiles/profile';
import { parseFlags, splitAtDoubleDash, stringFlag } from './args';
import { CommandError, UsageError } from './cli-errors';
import {
  EDIT_ONLY_OPTIONS,
  PROFILE_OPTIONS,
  profileAfterEdit,
  profileToAdd,
  readProfileFlags,
} from './profile-flags';
import { namesCommand } from './servers-names-command';

const VERBS = ['add', 'edit', 'list', 'show', 'remove', 'names', 'accept-name'] as const;
type Verb = (typeof VERBS)[number];

const DATA_DIR = { 'data-dir': { type: 'string' } } as const;
const JSON_FLAG = { json: { type: 'boolean' } } as const;
const OPTIONS = {
  add: { ...PROFILE_OPTIONS, force: { type: 'boolean' } },
  edit: { ...PROFILE_OPTIONS, ...EDIT_ONLY_OPTIONS },
  list: { ...DATA_DIR, ...JSON_FLAG },
  show: DATA_DIR,
  remove: DATA_DIR,
  names: { ...DATA_DIR, ...JSON_FLAG },
  'accept-name': DATA_DIR,
} as const;

function isVerb(text: string | undefined): text is Verb {
  return (VERBS as readonly string[]).includes(text ?? '');
}

/** Runs a `servers` subcommand. */
export function serversCommand(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined)
    throw new UsageError(
      'airlock servers',
      'missing subcommand (add, edit, list, show, remove, names or accept-name)',
    );
  if (!isVerb(verb)) throw new UsageError('airlock servers', `unknown subcommand '${verb}'`);
  const command = `airlock servers ${verb}`;
  const { before, after } = splitAtDoubleDash(rest);
  if (after !== undefined && verb !== 'add' && verb !== 'edit')
    throw new UsageError(command, 'takes no command after --');
  const { values, positionals } = parseFlags(command, before, OPTIONS[verb], true);
  const dataDir = resolveDataDir(stringFlag(values, 'data-dir'));
  if (verb === 'names' || verb === 'accept-name')
    return Promise.resolve(namesCommand(verb, dataDir, positionals, values.json === true));
  const [name, extra] = positionals;
  if (extra !== undefined) throw new UsageError(command, `unexpected argument '${extra}' (one NAME only)`);
  if (verb === 'list') {
    if (name !== undefined) throw new UsageError(command, `unexpected argument '${name}'`);
    return Promise.resolve(list(openProfileStore(dataDir), values.json === true));
  }
  if (name === undefined) throw new UsageError(command, 'missing NAME');
  const store = openProfileStore(dataDir);
  switch (verb) {
    case 'add': {
      const profile = profileToAdd(command, name, readProfileFlags(command, values, after));
      const existed = store.has(name);
      if (existed && values.force !== true)
        throw new CommandError(
          command,
          `a server named '${name}' already exists. Change it with \`airlock servers edit ${name} …\`, or replace it with --force.`,
        );
      const saved = save(command, store, profile);
      process.stdout.write(
        `${existed ? 'Replaced' : 'Saved'} server '${saved}'. Use it from an MCP client with: airlock mcp --server ${saved}\n`,
      );
      return Promise.resolve(0);
    }
    case 'edit': {
      const existing = store.get(name);
      if (!existing)
        throw new CommandError(
          command,
          `no server named '${name}'. Add it with: airlock servers add ${name} …`,
        );
      const { profile, changed } = profileAfterEdit(
        command,
        existing,
        readProfileFlags(command, values, after),
      );
      save(command, store, profile);
      process.stdout.write(`Updated server '${name}': ${changed.join(', ')}.\n`);
      return Promise.resolve(0);
    }
    case 'show': {
      const profile = store.get(name);
      if (!profile) throw new CommandError(command, `no server named '${name}'`);
      process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
      return Promise.resolve(0);
    }
    case 'remove': {
      if (!store.remove(name)) throw new CommandError(command, `no server named '${name}'`);
      process.stdout.write(`Removed server '${name}'.\n`);
      return Promise.resolve(0);
    }
  }
}

/** Saves through the store's schema (the last word on validity); its complaint names the field. */
function save(command: string, store: ProfileStore, profile: ServerProfileInput): string {
  try {
    return store.save(profile).name;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A bad NAME is the caller's argument, like a bad flag value.
    if (error instanceof InvalidProfileError && error.path[0] === 'name')
      throw new UsageError(command, message);
    throw new CommandError(command, message, { cause: error });
  }
}

function list(store: ProfileStore, json: boolean): number {
  const profiles = store.list();
  if (json) process.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`);
  else if (profiles.length === 0)
    process.stdout.write('No servers saved. Add one with: airlock servers add NAME -- COMMAND ARGS…\n');
  else
    for (const p of profiles)
      process.stdout.write(`${p.name}\t${p.url ?? [p.command, ...p.args].join(' ')}\n`);
  return 0;
}
