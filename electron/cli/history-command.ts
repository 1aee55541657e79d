/** `airlock history export|verify|search|sessions`: session history from the command line. */
import { resolveDataDir } from '../core/paths';
import { runHistoryCommand } from '../history/cli';

/** Runs a `history` subcommand; `--data-dir DIR` may appear anywhere before `--`. */
export function historyCommand(argv: string[]): Promise<number> {
  const rest = [...argv];
  const at = rest.indexOf('--data-dir');
  let dataDir: string | undefined;
  if (at !== -1) {
    dataDir = rest[at + 1];
    if (dataDir === undefined) throw new Error('airlock history: --data-dir needs a value');
    rest.splice(at, 2);
  }
  return runHistoryCommand(rest, { stdout: process.stdout, stderr: process.stderr }, resolveDataDir(dataDir));
}
