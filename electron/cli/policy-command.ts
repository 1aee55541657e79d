/** `airlock policy check|test|import-policylayer|schema|default`: policy tools for scripts and CI. */
import { runPolicyCommand } from '../policy/cli';

/** Runs a `policy` subcommand. */
export function policyCommand(argv: string[]): Promise<number> {
  return runPolicyCommand(argv, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
}
