/** The services a running Airlock is made of, as a type of its own: the console is built from them. */
import type { ApprovalBroker } from '../approvals/types';
import type { HistoryStore } from '../history/store';
import type { PolicyGate } from '../policy/gate';
import type { PolicyStore } from '../policy/policy-store';
import type { Core } from './core';
import type { SettingsStore } from './settings-store';

/** The running modules, wired in a fixed order by `startAirlock`. */
export interface AirlockServices {
  readonly core: Core;
  readonly broker: ApprovalBroker;
  readonly policy: PolicyStore;
  readonly gate: PolicyGate;
  readonly history: HistoryStore;
  readonly settings: SettingsStore;
}
