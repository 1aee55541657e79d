/**
 * The data the console shows, as it crosses the main↔renderer boundary. These are plain serialisable
 * views built by `electron/console` from the core's modules; attacker-influenced strings in them (commands,
 * output, tool names) stay raw strings here and are rendered only through the sanitiser.
 */
import type { ApprovalItem } from '../approvals/types';
import type { JsonObject } from '../json';

export type {
  CallDecider,
  CallDetailView,
  CallStepView,
  CallVerdict,
  HistorySessionRow,
  PromptView,
  TimelineRow,
} from './history-views';

/** The pending approval queue, newest first. */
export interface QueueSnapshot {
  readonly items: readonly ApprovalItem[];
}

/** A live proxy session (one connected agent). */
export interface LiveSessionView {
  readonly sessionId: string;
  readonly serverName: string;
  readonly clientName: string | null;
  readonly clientVersion: string | null;
  readonly startedAt: number;
  readonly pendingCalls: number;
}

/** Live sessions the core serves right now. */
export interface SessionsSnapshot {
  readonly sessions: readonly LiveSessionView[];
}

/** A policy file changed on disk behind the console's back, waiting for the operator. */
export interface PendingDiskChange {
  readonly detectedAt: number;
  readonly path: string;
  /** Present when the file on disk does not validate (it cannot be accepted then). */
  readonly error: string | null;
}

/** Whether policy is available, which version is active, and whether a disk change waits. */
export type PolicyStatus =
  | { readonly state: 'unavailable'; readonly message: string }
  | {
      readonly state: 'active';
      readonly version: number;
      readonly savedAt: number;
      readonly pendingDiskChange: PendingDiskChange | null;
    };

/** The active policy document. */
export interface PolicyDocumentView {
  readonly version: number;
  readonly savedAt: number;
  readonly document: JsonObject;
}

/** One problem in a policy document, located by JSON path (`$.rules[2].when`) and, when known, in the text. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  /** 1-based line and column in the validated text (absent when the place is not in the text). */
  readonly line?: number;
  readonly column?: number;
}

/** The outcome of validating a policy text. */
export interface ValidationReport {
  readonly valid: boolean;
  readonly issues: readonly ValidationIssue[];
}

/** One saved version of the policy. */
export interface PolicyVersionEntry {
  readonly version: number;
  readonly savedAt: number;
  readonly note: string | null;
  readonly source: string;
}

/** A line of a version diff. */
export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

/** What policy would decide for a call (the "test a call" simulator). */
export interface SimulationResult {
  readonly action: 'allow' | 'deny' | 'require_approval';
  readonly rule: string;
  readonly reason: string;
  readonly fields: JsonObject | null;
  /**
   * Present when the server could not be identified for certain (not seen live, no saved profile whose
   * launch names it): says how it was guessed or that it is judged as unknown, so the result may differ.
   */
  readonly warning?: string;
  /** What the operator's unsaved draft would decide for the same call, when a draft was sent. */
  readonly draft?: DraftSimulation;
}

/** The draft's answer in the simulator: a decision, or why the draft cannot decide (it does not validate). */
export type DraftSimulation =
  | {
      readonly state: 'decided';
      readonly action: 'allow' | 'deny' | 'require_approval';
      readonly rule: string;
      readonly reason: string;
    }
  | { readonly state: 'invalid'; readonly message: string };

/** A file produced for the operator to save (policy or history export). */
export interface ExportedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
}

/** Options every saved profile has, whatever its transport. */
export interface ProfileOptionsView {
  readonly description: string | null;
  readonly elicitation: 'queue' | 'client';
  /** Answer-early delay in ms, or null when the profile waits for the operator however long it takes. */
  readonly answerEarlyMs: number | null;
}

/** A saved upstream server profile. Environment and header values are write-only: only names come back. */
export type ServerProfileView = ProfileOptionsView &
  (
    | {
        readonly name: string;
        readonly transport: 'stdio';
        readonly command: string;
        readonly args: readonly string[];
        readonly cwd: string | null;
        readonly envKeys: readonly string[];
      }
    | {
        readonly name: string;
        readonly transport: 'http';
        readonly url: string;
        readonly headerKeys: readonly string[];
      }
  );

/** The result of "test connection". */
export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly message: string;
  readonly tools: readonly string[];
  readonly durationMs: number;
}

/** Ready-to-paste configuration for one MCP client. */
export interface ClientSnippet {
  readonly client: 'claude-desktop' | 'cursor' | 'claude-code';
  readonly label: string;
  /** Where the snippet goes (a file path or "terminal"). */
  readonly where: string;
  readonly text: string;
}

/** What "install into Claude Desktop" did. */
export interface InstallResult {
  readonly configPath: string;
  readonly backupPath: string | null;
}

/** Operator settings. */
export interface SettingsView {
  readonly notifications: boolean;
  readonly expirySeconds: number;
  readonly retentionDays: number;
  readonly startAtLogin: boolean;
  /** How long a browser-console login lasts before the console asks for a new link. */
  readonly consoleSessionSeconds: number;
  /** Start at login needs the desktop shell; browser mode cannot set it. */
  readonly startAtLoginSupported: boolean;
}
