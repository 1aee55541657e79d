/** Public shapes of the history store: what is recorded beyond the core events, and what queries return. */
import type {
  ApprovalOutcome,
  CallDecision,
  CallOutcome,
  PeerInfo,
  PromptAnswer,
  PromptAnsweredBy,
  PromptCall,
  PromptLinkBasis,
  PromptRoute,
  SessionEnd,
  SessionTarget,
} from '../../shared/events';
import type { JsonObject } from '../../shared/json';

/** How a session ended, including the history store's own verdict for a session that never recorded an end. */
export type RecordedSessionEnd = SessionEnd | { readonly kind: 'crashed'; readonly detectedAt: number };

/** How a call ended, including "outcome unknown" for a call in flight when its process stopped. */
export type RecordedCallOutcome = CallOutcome | { readonly kind: 'unknown'; readonly reason: string };

/** Retention limits; either, both or neither may be set. */
export interface RetentionPolicy {
  /** Remove ended sessions whose last record is older than this many days. */
  readonly maxAgeDays?: number;
  /** Remove the oldest ended sessions while the database uses more than this many megabytes. */
  readonly maxMegabytes?: number;
}

/** One session as listed. */
export interface SessionSummary {
  readonly seq: number;
  readonly sessionId: string;
  readonly startedAt: number;
  readonly target: SessionTarget;
  readonly serverName: string;
  readonly upstream: {
    readonly transport: 'stdio' | 'http';
    readonly display: string;
    readonly spec: JsonObject;
  };
  readonly client: PeerInfo | null;
  readonly server: PeerInfo | null;
  readonly protocolVersion: string | null;
  readonly endedAt: number | null;
  readonly end: RecordedSessionEnd | null;
  readonly callCount: number;
}

/** The policy step of a call. */
export interface DecisionRecord extends CallDecision {
  readonly at: number;
  readonly fields: JsonObject | null;
  readonly host: string | null;
  readonly user: string | null;
  readonly command: string | null;
  readonly risk: string | null;
}

/** The human step of a call. */
export interface ApprovalRecord {
  readonly at: number;
  readonly outcome: ApprovalOutcome;
  readonly waitedMs: number;
}

/** What was sent upstream. */
export interface ForwardRecord {
  readonly at: number;
  readonly arguments: JsonObject;
  readonly edited: boolean;
}

/** How the call ended; `text` is capped, `bytes` is the full size the core measured. */
export interface OutcomeRecord {
  readonly at: number;
  readonly kind: RecordedCallOutcome['kind'];
  readonly isError: boolean;
  readonly text: string | null;
  readonly bytes: number | null;
  readonly truncated: boolean;
  readonly code: number | null;
  readonly message: string | null;
  readonly durationMs: number | null;
}

/** How an upstream prompt ended: what went back, who or what answered, after how long. */
export interface PromptAnswerRecord {
  readonly at: number;
  readonly answer: PromptAnswer;
  readonly by: PromptAnsweredBy;
  readonly waitedMs: number;
}

/** An upstream's own prompt (`elicitation/create`, e.g. ssh-mcp's confirmation) and its answer. */
export interface PromptRecord {
  readonly promptId: string;
  /** When it arrived. */
  readonly at: number;
  readonly method: string;
  /** The upstream's params as sent (message, requested schema). */
  readonly params: JsonObject;
  /** The running call(s) it was tied to, and how. */
  readonly related: readonly PromptCall[];
  readonly linkedBy: PromptLinkBasis;
  readonly route: PromptRoute;
  /** Its queue item (route `queue`). */
  readonly itemId: string | null;
  /** Null while it waits, or when the process stopped before it ended. */
  readonly answer: PromptAnswerRecord | null;
}

/** A call with its whole decision path. */
export interface CallDetail {
  readonly seq: number;
  readonly callId: string;
  readonly sessionId: string;
  readonly at: number;
  readonly tool: string;
  readonly arguments: JsonObject;
  /** `in-flight` until an outcome is recorded; `unknown` when the process stopped first. */
  readonly status: 'in-flight' | 'completed' | 'unknown';
  readonly decision: DecisionRecord | null;
  readonly approval: ApprovalRecord | null;
  readonly forwarded: ForwardRecord | null;
  readonly outcome: OutcomeRecord | null;
  /** Upstream prompts that belong to this call while it ran, in arrival order. */
  readonly prompts: readonly PromptRecord[];
}

/** A session-level event: tools listed, log lines (stderr, pinning alerts, errors), store notes. */
export interface EventRecord {
  readonly seq: number;
  readonly sessionId: string | null;
  readonly at: number;
  /** `prompt` / `prompt-answer`: an upstream prompt tied to no single call (`data` as in `PromptRecord`). */
  readonly kind: 'tools.listed' | 'log' | 'orphan' | 'unrecordable' | 'pruned' | 'prompt' | 'prompt-answer';
  readonly level: 'info' | 'warning' | 'error';
  readonly source: string;
  readonly message: string;
  readonly data: JsonObject | null;
}

/** One entry of a session timeline, in record order. */
export type TimelineItem =
  | { readonly item: 'call'; readonly call: CallDetail }
  | { readonly item: 'event'; readonly event: EventRecord };

/** Filters shared by the session list, call lists, search and export. All given filters must hold. */
export interface HistoryFilter {
  /** clientInfo name. */
  readonly client?: string;
  /** Server profile name (or inline label). */
  readonly server?: string;
  /** Normalised `ssh.host` of at least one call (for sessions) or of the call. */
  readonly host?: string;
  /** Policy action of at least one call (for sessions) or of the call. */
  readonly decision?: CallDecision['action'];
  /** Inclusive lower bound (ms since epoch) on the session start (sessions) or call time (calls). */
  readonly from?: number;
  /** Exclusive upper bound (ms since epoch). */
  readonly to?: number;
}

/** Filters for call lists and export. */
export interface CallFilter extends HistoryFilter {
  readonly sessionId?: string;
  /** Full-text query over tool, arguments (commands) and output. */
  readonly text?: string;
}

/** Keyset paging: pass back `nextCursor` to continue. */
export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** One page of results. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
