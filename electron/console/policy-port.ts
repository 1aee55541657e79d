/** What the console needs from the policy module (see `policy-adapter.ts` for the mapping). */
import type { ApprovalItem } from '../../shared/approvals/types';
import type {
  DiffLine,
  ExportedFile,
  PolicyDocumentView,
  PolicyStatus,
  PolicyVersionEntry,
  SimulationResult,
  ValidationReport,
} from '../../shared/contract/views';
import type { JsonObject } from '../../shared/json';

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** Policy as the console edits it. */
export interface PolicyPort {
  status(): PolicyStatus;
  get(): MaybePromise<PolicyDocumentView>;
  validate(text: string): MaybePromise<ValidationReport>;
  save(document: JsonObject, note: string | null): MaybePromise<PolicyDocumentView>;
  /** Decides a call with the active policy and, when given, with an unsaved `draft` beside it. */
  simulate(call: {
    serverName: string;
    tool: string;
    arguments: JsonObject;
    draft?: JsonObject;
  }): MaybePromise<SimulationResult>;
  versions(): MaybePromise<readonly PolicyVersionEntry[]>;
  diff(from: number, to: number): MaybePromise<readonly DiffLine[]>;
  rollback(version: number): MaybePromise<PolicyDocumentView>;
  import(text: string, format: 'auto' | 'airlock' | 'policylayer'): MaybePromise<PolicyDocumentView>;
  export(): MaybePromise<ExportedFile>;
  resolveDiskChange(accept: boolean): MaybePromise<PolicyStatus>;
  /** The rule "Always allow…" proposes for a held item, for the operator to review and edit. */
  suggestRule(item: ApprovalItem): MaybePromise<JsonObject>;
  /** Adds an "always allow" rule the operator reviewed, as a new policy version. */
  addRule(rule: JsonObject): MaybePromise<void>;
  /** Subscribes to status changes (new version, disk change detected). */
  subscribe(listener: (status: PolicyStatus) => void): () => void;
}
