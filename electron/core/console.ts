/**
 * The browser console for a running Airlock: the console backend over the core's services, served on
 * 127.0.0.1 with a one-time token. Loaded lazily so `--no-console` pulls in none of it.
 */
import type { Airlock } from './airlock';

/** What the console is built from: the running Airlock's services, and the port to listen on. */
export type ConsoleDeps = Pick<Airlock, 'core' | 'broker' | 'policy' | 'gate' | 'history' | 'settings'> & {
  readonly port: number;
};

/** Starts the console; resolves with its URL (carrying the one-time token). */
export async function startConsole(deps: ConsoleDeps): Promise<{ url: string; close: () => Promise<void> }> {
  const { startAirlockWebConsole } = await import('../web/start-airlock-console');
  return startAirlockWebConsole(deps);
}
