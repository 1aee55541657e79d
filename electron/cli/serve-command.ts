/**
 * `airlock serve`: the core, headless. Stays up until SIGINT/SIGTERM, then ends every session with a
 * clear error to its client before exiting.
 */
import { readFileSync, rmSync } from 'node:fs';
import { resolveDataDir } from '../core/paths';
import { startAirlock } from '../core/airlock';
import { parseFlags, stringFlag } from './args';
import { CommandError, UsageError } from './cli-errors';

/** Runs the headless core until signalled. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('airlock serve', argv, {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'no-console': { type: 'boolean' },
    open: { type: 'boolean' },
    background: { type: 'boolean' },
    policy: { type: 'string' },
  });
  const policyFile = stringFlag(values, 'policy');
  let startPolicy: { text: string; source: string } | undefined;
  if (policyFile !== undefined) {
    try {
      startPolicy = { text: readFileSync(policyFile, 'utf8'), source: policyFile };
    } catch (error) {
      throw new CommandError(
        'airlock serve',
        `cannot read --policy ${policyFile}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  // Without --port the console returns to the port it had last time (remembered in the settings).
  const portText = stringFlag(values, 'port');
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!/^\d+$/.test(portText ?? '') || port > 65535))
    throw new UsageError('airlock serve', `--port must be 0–65535, got '${portText ?? ''}'`);
  const airlock = await startAirlock({
    dataDir: resolveDataDir(stringFlag(values, 'data-dir')),
    console: values['no-console'] === true ? false : port === undefined ? {} : { port },
    ...(startPolicy ? { startPolicy } : {}),
  });
  // A closed terminal (SIGHUP) shuts down as cleanly as Ctrl-C: sessions end, the socket file goes.
  const signalled = new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  });
  process.stderr.write(`airlock: core listening on ${airlock.core.socketPath}\n`);
  if (airlock.consoleUrl) process.stdout.write(`Console: ${airlock.consoleUrl}\n`);
  process.stdout.write(`Ready: data folder ${airlock.core.dataDir}\n`);
  // After Ready: an opener that stays in the foreground must not delay the bridges.
  if (airlock.consoleUrl && values.open === true) {
    const { openInBrowser } = await import('./open-browser');
    const opened = await openInBrowser(airlock.consoleUrl);
    process.stdout.write(
      opened.opened
        ? `Opened the console in the default browser (${opened.via}).\n`
        : `Cannot open a browser here: ${opened.reason}. Open the Console link above yourself (it works once).\n`,
    );
  }
  await signalled;
  process.stderr.write('airlock: shutting down\n');
  try {
    await airlock.shutdown();
  } catch (error) {
    // The core removes its socket on shutdown; should that fail part-way, no stale socket may remain.
    if (process.platform !== 'win32') rmSync(airlock.core.socketPath, { force: true });
    throw error;
  }
  return 0;
}
