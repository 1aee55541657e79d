/** `airlock servers names` and `accept-name NAME`: the names inline upstreams claim with `airlock mcp --name`. */
import { createNameRegistry } from '../policy/name-bindings';
import { openPolicyDatabase } from '../policy/policy-db';
import { CommandError, UsageError } from './cli-errors';

/** `names`: every `--name` and the command line that owns it; `accept-name NAME`: moves it to the waiting one. */
export function namesCommand(
  verb: 'names' | 'accept-name',
  dataDir: string,
  positionals: readonly string[],
  json: boolean,
): number {
  const command = `airlock servers ${verb}`;
  const [name, extra] = positionals;
  if (verb === 'accept-name' && name === undefined) throw new UsageError(command, 'missing NAME');
  if (extra !== undefined || (verb === 'names' && name !== undefined))
    throw new UsageError(command, `unexpected argument '${extra ?? name ?? ''}'`);
  const db = openPolicyDatabase(dataDir);
  try {
    const names = createNameRegistry(db);
    if (name !== undefined) {
      const waiting = names.list().find((b) => b.name === name)?.pending;
      if (!waiting || !names.accept(name, Date.now()))
        throw new CommandError(command, `no other command line is waiting for the name '${name}'`);
      process.stdout.write(
        `The name '${name}' now belongs to: ${waiting.command}\nNew sessions of it run as '${name}', with its pins and counters.\n`,
      );
      return 0;
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
    return 0;
  } finally {
    db.close();
  }
}
