/**
 * Small argv helpers shared by the subcommands: split at `--`, and parse flags strictly so a typo is an
 * error, not a silently ignored option.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors';

/** Splits argv at the first `--`: options before, the command after (or undefined when absent). */
export function splitAtDoubleDash(argv: readonly string[]): {
  before: string[];
  after: string[] | undefined;
} {
  const index = argv.indexOf('--');
  if (index === -1) return { before: [...argv], after: undefined };
  return { before: argv.slice(0, index), after: argv.slice(index + 1) };
}

/** parseArgs with strict checking; a bad flag is a UsageError naming the flag and the command. */
export function parseFlags(
  command: string,
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = false,
): { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(command, flagProblem(error));
  }
}

/** Node's parseArgs messages, shortened to the part that names the flag. */
export function flagProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[1] ?? 'the option'} needs a value`;
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous)
    return `${ambiguous[1] ?? 'the option'} needs a value (for one that starts with a dash, write ${ambiguous[1] ?? ''}=-VALUE)`;
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1] ?? ''}'`;
  const extra = /^Unexpected argument '([^']*)'/.exec(message);
  if (extra) return `unexpected argument '${extra[1] ?? ''}'`;
  const noValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
  if (noValue) return `${noValue[1] ?? 'the option'} does not take a value`;
  return message.split('. ')[0] ?? message;
}

/** Parses repeated `K=V` flags into a record. */
export function parsePairs(flag: string, values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of values ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`${flag} expects KEY=VALUE, got '${pair}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** The string value of a flag, if given. */
export function stringFlag(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
