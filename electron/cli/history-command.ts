/** `airlock history sessions|search|export|verify|prune`: session history from the command line. */
import { resolveDataDir } from '../core/paths';
import { runHistoryCommand } from '../history/cli';
import { UsageError } from './cli-errors';

/** Takes `--data-dir DIR` (or `--data-dir=DIR`) out of argv, wherever it appears. */
function takeDataDir(argv: readonly string[]): { dataDir: string | undefined; rest: string[] } {
  const rest = [...argv];
  let dataDir: string | undefined;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
      rest.splice(i, 1);
      i -= 1;
    } else if (arg === '--data-dir') {
      dataDir = rest[i + 1];
      if (dataDir === undefined || dataDir.startsWith('--'))
        throw new UsageError('airlock history', '--data-dir needs a value');
      rest.splice(i, 2);
      i -= 1;
    }
  }
  if (dataDir === '') throw new UsageError('airlock history', '--data-dir needs a value');
  return { dataDir, rest };
}

/** Runs a `history` subcommand; `--data-dir DIR` may appear anywhere. */
export async function historyCommand(argv: string[]): Promise<number> {
  const { dataDir, rest } = takeDataDir(argv);
  if (rest[0] === undefined)
    throw new UsageError('airlock history', 'missing subcommand (sessions, search, export, verify or prune)');
  return runHistoryCommand(rest, { stdout: process.stdout, stderr: process.stderr }, resolveDataDir(dataDir));
}
