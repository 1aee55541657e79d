/**
 * The console services of a running Airlock (core, broker, policy, history, settings), in one call, for
 * both front ends: `createConsoleHandlers(airlockConsoleServices(deps))`.
 */
import type { ApprovalBroker } from '../../approvals/types';
import type { Core } from '../../core/core';
import type { SettingsStore } from '../../core/settings-store';
import type { HistoryQueries } from '../../history/queries';
import type { PolicyGate } from '../../policy/gate';
import type { PolicyStore } from '../../policy/policy-store';
import type { ConsoleServices } from '../services';
import { historyPort } from './history-adapter';
import { policyPort } from './policy-adapter';
import { profilesPort } from './profiles-adapter';
import { settingsPort } from './settings-adapter';

/** What the console is built from (the same pieces `startAirlock` creates). */
export interface AirlockConsoleDeps {
  readonly core: Core;
  readonly broker: ApprovalBroker;
  readonly policy: PolicyStore;
  readonly gate: PolicyGate;
  readonly history: HistoryQueries;
  readonly settings: SettingsStore;
  /** True in the Electron shell, which can register a login item. */
  readonly startAtLoginSupported?: boolean;
  /** Recorded as approver and policy author. */
  readonly operator?: string;
}

/** Maps the running modules to the console's services. */
export function airlockConsoleServices(deps: AirlockConsoleDeps): ConsoleServices {
  const operator = deps.operator ?? 'console';
  return {
    events: deps.core.events,
    sessions: deps.core.sessions,
    approvals: deps.broker,
    policy: policyPort(deps.policy, deps.gate, deps.core.dataDir, operator, deps.core.profiles),
    history: historyPort(deps.history),
    profiles: profilesPort(deps.core.profiles),
    settings: settingsPort(deps.settings, deps.startAtLoginSupported ?? false),
    operator,
  };
}
