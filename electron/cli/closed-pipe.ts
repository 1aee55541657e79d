/**
 * A reader that stops early (`airlock history export | head -1`) closes our stdout: further writes fail
 * with EPIPE. That is the reader's choice, not a failure of ours, so the command ends at once and
 * quietly, the way Unix tools do, instead of printing "write EPIPE" or a stack trace.
 */

/** Whether a stream error means the other end of the pipe went away. */
export function isClosedPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** Installs the handlers; call once, before any command writes (so they run before any other listener). */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: Error) => {
    if (isClosedPipe(error)) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    // Anything else (a full disk behind a redirect) is a real failure: say so where we still can.
    process.stderr.write(`airlock: cannot write the output: ${error.message}\n`);
    process.exit(1);
  });
  // With stderr gone there is nobody left to tell; keep the exit status the command chose.
  process.stderr.on('error', () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 1));
}
