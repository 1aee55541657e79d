/**
 * The browser console for a running Airlock: the console backend over the core's services, served on
 * 127.0.0.1 with a one-time token. Loaded lazily so `--no-console` pulls in none of it.
 */
import type { ApprovalBroker } from '../approvals/types';
import type { HistoryStore } from '../history/store';
import type { PolicyGate } from '../policy/gate';
import type { PolicyStore } from '../policy/policy-store';
import type { Core } from './core';
import type { SettingsStore } from './settings-store';

/** What the console is built from. */
export interface ConsoleDeps {
  readonly core: Core;
  readonly broker: ApprovalBroker;
  readonly policy: PolicyStore;
  readonly gate: PolicyGate;
  readonly history: HistoryStore;
  readonly settings: SettingsStore;
  readonly port: number;
}

/** Starts the console; resolves with its URL (carrying the one-time token). */
export function startConsole(
  _deps: ConsoleDeps,
): Promise<{ url: string | undefined; close: () => Promise<void> }> {
  return Promise.resolve({ url: undefined, close: () => Promise.resolve() });
}
