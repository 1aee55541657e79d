/** Pure mapping from query rows (joined chained tables) to the public record shapes. */
import type { SessionTarget } from '../../shared/events';
import { isJsonObject, type JsonObject } from '../../shared/json';
import { decisionFacts } from './decision-facts';
import type {
  ApprovalRecord,
  CallDetail,
  DecisionRecord,
  EventRecord,
  ForwardRecord,
  OutcomeRecord,
  PromptAnswerRecord,
  PromptRecord,
  RecordedSessionEnd,
  SessionSummary,
} from './types';

/** Columns selected for a call with its latest step of each kind. */
export interface CallRow {
  seq: number;
  call_id: string;
  session_id: string;
  at: number;
  tool: string;
  arguments: string;
  d_at: number | null;
  d_data: string | null;
  a_at: number | null;
  a_data: string | null;
  f_at: number | null;
  f_data: string | null;
  r_at: number | null;
  r_data: string | null;
  /** JSON array of the call's `prompt` / `prompt-answer` steps: `{at, kind, data}`, data as stored text. */
  p_data: string | null;
}

/** Columns selected for a session summary. */
export interface SessionRow {
  seq: number;
  session_id: string;
  at: number;
  target_kind: string;
  target_name: string;
  server_name: string;
  upstream_transport: string;
  upstream: string;
  upstream_json: string;
  client_name: string | null;
  client_version: string | null;
  client_title: string | null;
  peer_name: string | null;
  peer_version: string | null;
  peer_title: string | null;
  protocol_version: string | null;
  e_at: number | null;
  detail: string | null;
  call_count: number;
}

/** Columns of an `events` row. */
export interface EventRow {
  seq: number;
  session_id: string | null;
  at: number;
  kind: string;
  level: string;
  source: string;
  message: string;
  data: string | null;
}

function object(text: string): JsonObject {
  const value: unknown = JSON.parse(text);
  if (!isJsonObject(value)) throw new Error('history row holds a non-object where an object was recorded');
  return value;
}

/** A stored step: its canonical JSON was written from exactly the record shape (without `at`). */
function stepOf(at: number | null, data: string | null): Record<string, unknown> | null {
  if (at === null || data === null) return null;
  return { at, ...object(data) };
}

/**
 * A call's prompts from its `prompt` and `prompt-answer` steps (in record order), each answer joined to
 * its prompt by id. An answer whose prompt is not among the steps is ignored rather than guessed at.
 */
export function promptsOf(text: string | null): PromptRecord[] {
  if (text === null) return [];
  const steps: unknown = JSON.parse(text);
  if (!Array.isArray(steps)) return [];
  const prompts: PromptRecord[] = [];
  const byId = new Map<string, number>();
  for (const step of steps) {
    if (!isJsonObject(step) || typeof step.at !== 'number' || typeof step.data !== 'string') continue;
    const data = object(step.data);
    const promptId = data.promptId;
    if (typeof promptId !== 'string') continue;
    if (step.kind === 'prompt') {
      byId.set(promptId, prompts.length);
      prompts.push({
        ...(data as unknown as Omit<PromptRecord, 'at' | 'answer'>),
        at: step.at,
        answer: null,
      });
    } else if (step.kind === 'prompt-answer') {
      const index = byId.get(promptId);
      const prompt = index === undefined ? undefined : prompts[index];
      if (index === undefined || prompt === undefined) continue;
      const { promptId: _id, ...answer } = data;
      prompts[index] = {
        ...prompt,
        answer: { ...(answer as unknown as Omit<PromptAnswerRecord, 'at'>), at: step.at },
      };
    }
  }
  return prompts;
}

/**
 * A decision step with its facts filled from its recorded fields where the stored facts are empty:
 * records written before the gate's nested `ssh` fields were read keep null facts (the chained cells
 * cannot change), yet their fields hold host, user, command and risk.
 */
export function decisionOf(step: Record<string, unknown> | null): DecisionRecord | null {
  if (step === null) return null;
  const decision = step as unknown as DecisionRecord;
  const facts = decisionFacts(decision.fields);
  return {
    ...decision,
    host: decision.host ?? facts.host,
    user: decision.user ?? facts.user,
    command: decision.command ?? facts.command,
    risk: decision.risk ?? facts.risk,
  };
}

/** A call row as a CallDetail. */
export function toCallDetail(row: CallRow): CallDetail {
  const outcome = stepOf(row.r_at, row.r_data) as OutcomeRecord | null;
  return {
    seq: row.seq,
    callId: row.call_id,
    sessionId: row.session_id,
    at: row.at,
    tool: row.tool,
    arguments: object(row.arguments),
    status: outcome === null ? 'in-flight' : outcome.kind === 'unknown' ? 'unknown' : 'completed',
    decision: decisionOf(stepOf(row.d_at, row.d_data)),
    approval: stepOf(row.a_at, row.a_data) as ApprovalRecord | null,
    forwarded: stepOf(row.f_at, row.f_data) as ForwardRecord | null,
    outcome,
    prompts: promptsOf(row.p_data),
  };
}

/** A session row as a SessionSummary. */
export function toSessionSummary(row: SessionRow): SessionSummary {
  const target: SessionTarget =
    row.target_kind === 'profile'
      ? { kind: 'profile', name: row.target_name }
      : { kind: 'inline', label: row.target_name };
  return {
    seq: row.seq,
    sessionId: row.session_id,
    startedAt: row.at,
    target,
    serverName: row.server_name,
    upstream: {
      transport: row.upstream_transport === 'http' ? 'http' : 'stdio',
      display: row.upstream,
      spec: object(row.upstream_json),
    },
    client: row.client_name === null ? null : peer(row.client_name, row.client_version, row.client_title),
    server: row.peer_name === null ? null : peer(row.peer_name, row.peer_version, row.peer_title),
    protocolVersion: row.protocol_version,
    endedAt: row.e_at,
    end: row.detail === null ? null : (object(row.detail) as unknown as RecordedSessionEnd),
    callCount: row.call_count,
  };
}

function peer(name: string, version: string | null, title: string | null): SessionSummary['client'] {
  return title === null ? { name, version: version ?? '' } : { name, version: version ?? '', title };
}

/** An events row as an EventRecord. */
export function toEventRecord(row: EventRow): EventRecord {
  return {
    seq: row.seq,
    sessionId: row.session_id,
    at: row.at,
    kind: row.kind as EventRecord['kind'],
    level: row.level as EventRecord['level'],
    source: row.source,
    message: row.message,
    data: row.data === null ? null : object(row.data),
  };
}
