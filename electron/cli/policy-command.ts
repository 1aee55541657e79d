/** `airlock policy check|test|import-policylayer|schema|default`: policy tools for scripts and CI. */
import { runPolicyCommand } from '../policy/cli';
import { UsageError } from './cli-errors';

/** Runs a `policy` subcommand. */
export function policyCommand(argv: string[]): Promise<number> {
  if (argv[0] === undefined)
    throw new UsageError(
      'airlock policy',
      'missing subcommand (check, test, import-policylayer, schema or default)',
    );
  return runPolicyCommand(argv, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
}
