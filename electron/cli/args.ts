/**
 * Small argv helpers shared by the subcommands: split at `--`, and parse flags strictly so a typo is an
 * error, not a silently ignored option.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Splits argv at the first `--`: options before, the command after (or undefined when absent). */
export function splitAtDoubleDash(argv: readonly string[]): {
  before: string[];
  after: string[] | undefined;
} {
  const index = argv.indexOf('--');
  if (index === -1) return { before: [...argv], after: undefined };
  return { before: argv.slice(0, index), after: argv.slice(index + 1) };
}

/** parseArgs with strict checking; rethrows with a message that names the subcommand. */
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
    throw new Error(`${command}: ${(error as Error).message}. See \`airlock --help\`.`, { cause: error });
  }
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
