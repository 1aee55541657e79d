/**
 * `airlock serve`: the core, headless. Stays up until SIGINT/SIGTERM, then ends every session with a
 * clear error to its client before exiting.
 */
import { readFileSync } from 'node:fs';
import { resolveDataDir } from '../core/paths';
import { startAirlock } from '../core/airlock';
import { parseFlags, stringFlag } from './args';

/** Runs the headless core until signalled. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('airlock serve', argv, {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'no-console': { type: 'boolean' },
    background: { type: 'boolean' },
    policy: { type: 'string' },
  });
  const policyFile = stringFlag(values, 'policy');
  let startPolicy: { text: string; source: string } | undefined;
  if (policyFile !== undefined) {
    try {
      startPolicy = { text: readFileSync(policyFile, 'utf8'), source: policyFile };
    } catch (error) {
      throw new Error(`airlock serve: cannot read --policy ${policyFile}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  // Without --port the console returns to the port it had last time (remembered in the settings).
  const portText = stringFlag(values, 'port');
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!/^\d+$/.test(portText ?? '') || port > 65535))
    throw new Error(`airlock serve: --port must be 0–65535, got '${portText ?? ''}'`);
  const airlock = await startAirlock({
    dataDir: resolveDataDir(stringFlag(values, 'data-dir')),
    console: values['no-console'] === true ? false : port === undefined ? {} : { port },
    ...(startPolicy ? { startPolicy } : {}),
  });
  process.stderr.write(`airlock: core listening on ${airlock.core.socketPath}\n`);
  if (airlock.consoleUrl) process.stdout.write(`Console: ${airlock.consoleUrl}\n`);
  process.stdout.write(`Ready: data folder ${airlock.core.dataDir}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('airlock: shutting down\n');
  await airlock.shutdown();
  return 0;
}
