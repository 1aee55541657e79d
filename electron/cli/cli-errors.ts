/**
 * The command line's two kinds of failure and how they are reported: a usage error (exit 2, with a
 * pointer to the command's `--help`) and a failure (exit 1). Each carries the command it belongs to, so
 * the message is prefixed exactly once ("airlock servers add: …", never "airlock: airlock servers: …").
 */

/** Bad arguments: a missing, unknown or malformed flag or operand. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command as typed, e.g. `airlock servers add`. */
  readonly command: string;

  constructor(command: string, message: string) {
    super(message);
    this.command = command;
  }
}

/** The command understood its arguments but could not do what they ask. Exit code 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  /** The command as typed, e.g. `airlock servers remove`. */
  readonly command: string;

  constructor(command: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.command = command;
  }
}

/** Exit codes: 0 success, 1 failure, 2 usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Formats any thrown value as one stderr message and picks the exit code. `fallback` names the command
 * for errors from deeper modules; a message that already starts with "airlock" is left unprefixed.
 */
export function describeCliError(error: unknown, fallback: string): { text: string; code: number } {
  if (error instanceof UsageError) {
    const help = `${error.command} --help`;
    return { text: `${error.command}: ${error.message}\nSee \`${help}\`.\n`, code: EXIT.usage };
  }
  if (error instanceof CommandError)
    return { text: `${error.command}: ${error.message}\n`, code: EXIT.failure };
  const message = error instanceof Error ? error.message : String(error);
  const text = message.startsWith('airlock') ? message : `${fallback}: ${message}`;
  return { text: `${text}\n`, code: EXIT.failure };
}
