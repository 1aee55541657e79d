/**
 * The core services the console backend reads and acts through, all required: a console is only ever
 * built over a whole running Airlock (`airlockConsoleServices`). Shapes follow the real modules (approval
 * broker, policy store, history store, profiles, settings, session registry).
 */
import type { ApprovalChange, ApprovalItem, DecideRequest, DecideResult } from '../../shared/approvals/types';
import type { JsonObject } from '../../shared/json';
import type { EventSource, SessionRegistry } from '../core/services';
import type { HistoryPort } from './history-port';
import type { PolicyPort } from './policy-port';
import type { ProfilesPort } from './profiles-port';
import type { SettingsPort } from './settings-port';

/** The approval broker, as the console uses it. */
export interface ApprovalsPort {
  /** Every item the broker holds (any state). */
  list(): readonly ApprovalItem[];
  get(id: string): ApprovalItem | null | undefined;
  /** On success with "always allow", `ruleToSave` is the rule for the policy engine to add. */
  decide(request: DecideRequest): (DecideResult & { readonly ruleToSave?: JsonObject | null }) | DecideResult;
  subscribe(listener: (change: ApprovalChange) => void): () => void;
}

/** Everything `createConsoleHandlers` can use. */
export interface ConsoleServices {
  readonly events: EventSource;
  readonly sessions: SessionRegistry;
  readonly approvals: ApprovalsPort;
  readonly policy: PolicyPort;
  readonly history: HistoryPort;
  readonly profiles: ProfilesPort;
  readonly settings: SettingsPort;
  /** Claude Desktop's config file ("install into Claude Desktop"); defaults to the platform's path. */
  readonly claudeDesktopConfigPath?: string;
  /** The operator's name, recorded as approver and policy author. */
  readonly operator: string;
}
