/**
 * `airlock servers add|list|show|remove`: manage saved upstream profiles from scripts; `names` and
 * `accept-name` for the names inline upstreams claim with `airlock mcp --name`.
 */
import { resolveDataDir } from '../core/paths';
import { createNameRegistry } from '../policy/name-bindings';
import { openPolicyDatabase } from '../policy/policy-db';
import { openProfileStore } from '../profiles/profile-store';
import { parseFlags, parsePairs, splitAtDoubleDash, stringFlag } from './args';

const USAGE =
  'usage: airlock servers add NAME [options] -- COMMAND [ARGS…] | add NAME --url URL | list [--json] | show NAME | remove NAME | names [--json] | accept-name NAME';

/** Runs a `servers` subcommand. */
export function serversCommand(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { before, after } = splitAtDoubleDash(rest);
  const { values, positionals } = parseFlags(
    `airlock servers ${verb ?? ''}`.trim(),
    before,
    {
      'data-dir': { type: 'string' },
      env: { type: 'string', multiple: true },
      header: { type: 'string', multiple: true },
      cwd: { type: 'string' },
      url: { type: 'string' },
      description: { type: 'string' },
      elicitation: { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  const dataDir = resolveDataDir(stringFlag(values, 'data-dir'));
  const name = positionals[0];
  if (verb === 'names' || verb === 'accept-name')
    return namesCommand(verb, dataDir, name, values.json === true);
  const store = openProfileStore(dataDir);
  switch (verb) {
    case 'add': {
      if (!name) throw new Error(`airlock servers add: missing NAME. ${USAGE}`);
      const url = stringFlag(values, 'url');
      if (url === undefined && (after === undefined || after.length === 0)) {
        throw new Error(`airlock servers add: give the upstream command after --, or --url. ${USAGE}`);
      }
      const [command, ...args] = after ?? [];
      const elicitation = stringFlag(values, 'elicitation');
      if (elicitation !== undefined && elicitation !== 'queue' && elicitation !== 'client') {
        throw new Error(`airlock servers add: --elicitation must be 'queue' or 'client'`);
      }
      const saved = store.save({
        name,
        command,
        args,
        url,
        env: parsePairs('--env', values.env as string[] | undefined),
        headers: parsePairs('--header', values.header as string[] | undefined),
        cwd: stringFlag(values, 'cwd'),
        description: stringFlag(values, 'description'),
        ...(elicitation ? { elicitation } : {}),
      });
      process.stdout.write(
        `Saved server '${saved.name}'. Use it from an MCP client with: airlock mcp --server ${saved.name}\n`,
      );
      return Promise.resolve(0);
    }
    case 'list': {
      const profiles = store.list();
      if (values.json === true) process.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`);
      else if (profiles.length === 0)
        process.stdout.write('No servers saved. Add one with: airlock servers add NAME -- COMMAND ARGS…\n');
      else
        for (const p of profiles)
          process.stdout.write(`${p.name}\t${p.url ?? [p.command, ...p.args].join(' ')}\n`);
      return Promise.resolve(0);
    }
    case 'show': {
      const profile = name ? store.get(name) : undefined;
      if (!profile) throw new Error(`airlock servers show: no server named '${name ?? ''}'`);
      process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
      return Promise.resolve(0);
    }
    case 'remove': {
      if (!name) throw new Error(`airlock servers remove: missing NAME. ${USAGE}`);
      if (!store.remove(name)) throw new Error(`airlock servers remove: no server named '${name}'`);
      process.stdout.write(`Removed server '${name}'.\n`);
      return Promise.resolve(0);
    }
    default:
      throw new Error(`airlock servers: unknown or missing subcommand. ${USAGE}`);
  }
}

/** `names`: every `--name` and the command line that owns it; `accept-name NAME`: moves it to the waiting one. */
function namesCommand(
  verb: 'names' | 'accept-name',
  dataDir: string,
  name: string | undefined,
  json: boolean,
): Promise<number> {
  const db = openPolicyDatabase(dataDir);
  try {
    const names = createNameRegistry(db);
    if (verb === 'accept-name') {
      if (!name) throw new Error(`airlock servers accept-name: missing NAME. ${USAGE}`);
      const waiting = names.list().find((b) => b.name === name)?.pending;
      if (!waiting || !names.accept(name, Date.now())) {
        throw new Error(
          `airlock servers accept-name: no other command line is waiting for the name '${name}'`,
        );
      }
      process.stdout.write(
        `The name '${name}' now belongs to: ${waiting.command}\nNew sessions of it run as '${name}', with its pins and counters.\n`,
      );
      return Promise.resolve(0);
    }
    const list = names.list();
    if (json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    else if (list.length === 0) process.stdout.write('No names claimed with airlock mcp --name yet.\n');
    else
      for (const b of list) {
        process.stdout.write(`${b.name}\t${b.command}\n`);
        if (b.pending) {
          process.stdout.write(
            `  waiting: ${b.pending.command} (runs as ${b.name}#${b.pending.fingerprint}; accept with: airlock servers accept-name ${b.name})\n`,
          );
        }
      }
    return Promise.resolve(0);
  } finally {
    db.close();
  }
}
