/** Shared plumbing of the `airlock policy` handlers: where they write, and reading their input files. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CompiledPolicy } from '../../shared/policy/compile';
import { formatIssue, parsePolicyText } from '../../shared/policy/parse';

/** Where the handlers write and resolve paths. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
  /** The environment for the data folder and launch checks (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Reads a file named on the command line, relative to the caller's folder; null (reported) when unreadable. */
export function readText(file: string, io: CliIo): string | null {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr.write(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}

/** Reads and compiles a policy file; the exit code 1 (reported) when it is unreadable or invalid. */
export function readPolicy(file: string, io: CliIo): CompiledPolicy | number {
  const text = readText(file, io);
  if (text === null) return 1;
  const parsed = parsePolicyText(text);
  if (!parsed.ok) {
    for (const issue of parsed.errors) io.stderr.write(`${file}:${formatIssue(issue)}\n`);
    return 1;
  }
  return parsed.compiled;
}
