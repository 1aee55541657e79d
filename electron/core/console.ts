/**
 * The browser console for a running Airlock: the console backend over the core's services, served on
 * 127.0.0.1 with one-time login tokens. Loaded lazily so `--no-console` pulls in none of it.
 */
import type { AirlockWebConsole } from '../web/start-airlock-console';
import type { AirlockServices } from './airlock-services';

/** What the console is built from: the running Airlock's services, and the port to listen on. */
export type ConsoleDeps = AirlockServices & {
  readonly port: number;
};

/** Starts the console; resolves with its first login URL and a way to mint more. */
export async function startConsole(deps: ConsoleDeps): Promise<AirlockWebConsole> {
  const { startAirlockWebConsole } = await import('../web/start-airlock-console');
  return startAirlockWebConsole(deps);
}
