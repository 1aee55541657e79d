/**
 * Pure mapping from core events to chained rows. Values are normalised here (booleans to 0/1, times to
 * integers, JSON to canonical text) because the hash is taken over exactly these cells.
 */
import { assertNever, type JsonObject } from '../../shared/json';
import type { CoreEvent, UpstreamSpec } from '../../shared/events';
import { recordJson } from './record-json';
import { decisionFacts } from './decision-facts';
import { fieldsToJson } from '../../shared/policy/fields';
import type { ChainedTable, RowOf } from './tables';
import type {
  ApprovalRecord,
  DecisionRecord,
  ForwardRecord,
  OutcomeRecord,
  PromptAnswerRecord,
  PromptRecord,
  RecordedCallOutcome,
  RecordedSessionEnd,
} from './types';

/** A row of table `T` before the writer assigns its `seq`. */
export type Fields<T extends ChainedTable> = Omit<RowOf<T>, 'seq'>;

type EventOf<K extends CoreEvent['type']> = Extract<CoreEvent, { type: K }>;

/** Integer milliseconds: STRICT INTEGER columns refuse fractions. */
export function ms(value: number): number {
  return Number.isFinite(value) ? Math.round(value) : 0;
}

/** The upstream as one line a human reads: the command line, or the URL. */
export function upstreamDisplay(upstream: UpstreamSpec): string {
  if (upstream.transport === 'http') return upstream.url;
  return [upstream.command, ...upstream.args]
    .map((part) => (/[\s"'\\]/.test(part) ? JSON.stringify(part) : part))
    .join(' ');
}

/** The `sessions` row for `session.opened`. */
export function sessionFields(e: EventOf<'session.opened'>): Fields<'sessions'> {
  return {
    session_id: e.sessionId,
    at: ms(e.at),
    target_kind: e.target.kind,
    target_name: e.target.kind === 'profile' ? e.target.name : e.target.label,
    server_name: e.serverName,
    upstream_transport: e.upstream.transport,
    upstream: upstreamDisplay(e.upstream),
    upstream_json: recordJson(e.upstream),
  };
}

/** The `session_inits` row for `session.initialized`. */
export function sessionInitFields(e: EventOf<'session.initialized'>): Fields<'session_inits'> {
  return {
    session_id: e.sessionId,
    at: ms(e.at),
    client_name: e.client.name,
    client_version: e.client.version,
    client_title: e.client.title ?? null,
    server_name: e.server.name,
    server_version: e.server.version,
    server_title: e.server.title ?? null,
    protocol_version: e.protocolVersion,
    client_capabilities: recordJson(e.clientCapabilities),
    server_capabilities: recordJson(e.serverCapabilities),
  };
}

/** The `session_ends` row for a session end (recorded or inferred). */
export function sessionEndFields(
  sessionId: string,
  at: number,
  end: RecordedSessionEnd,
): Fields<'session_ends'> {
  return { session_id: sessionId, at: ms(at), kind: end.kind, detail: recordJson(end) };
}

/** The `calls` row for `call.received`: the write-ahead record. */
export function callFields(e: EventOf<'call.received'>): Fields<'calls'> {
  return {
    session_id: e.sessionId,
    call_id: e.callId,
    at: ms(e.at),
    tool: e.tool,
    arguments: recordJson(e.arguments),
  };
}

/** A `call_steps` row: the step's record as canonical JSON plus its filterable label and host. */
export function stepFields(
  kind: 'decision' | 'approval' | 'forward' | 'result' | 'prompt' | 'prompt-answer',
  label: string,
  host: string | null,
  callSeq: number,
  sessionId: string,
  at: number,
  data:
    | Omit<DecisionRecord, 'at'>
    | Omit<ApprovalRecord, 'at'>
    | Omit<ForwardRecord, 'at'>
    | Omit<OutcomeRecord, 'at'>
    | PromptStepData
    | PromptAnswerStepData,
): Fields<'call_steps'> {
  return {
    call_seq: callSeq,
    session_id: sessionId,
    at: ms(at),
    kind,
    label,
    host,
    data: recordJson(data),
  };
}

/**
 * The `call_steps` row for `call.decided`, with host, user, command and risk pulled out of the gate's
 * nested `ssh` fields (or the flat form) so they can be filtered, exported and shown.
 */
export function decisionFields(e: EventOf<'call.decided'>, callSeq: number): Fields<'call_steps'> {
  const fields = e.fields ? fieldsToJson(e.fields) : null;
  const facts = decisionFacts(fields);
  const data: Omit<DecisionRecord, 'at'> = {
    action: e.decision.action,
    rule: e.decision.rule,
    reason: e.decision.reason,
    fields,
    ...facts,
  };
  return stepFields('decision', e.decision.action, facts.host, callSeq, e.sessionId, e.at, data);
}

/** The `call_steps` row for `call.approval`. */
export function approvalFields(e: EventOf<'call.approval'>, callSeq: number): Fields<'call_steps'> {
  return stepFields('approval', e.outcome.kind, null, callSeq, e.sessionId, e.at, {
    outcome: e.outcome,
    waitedMs: ms(e.waitedMs),
  });
}

/** The `call_steps` row for `call.forwarded`. */
export function forwardFields(e: EventOf<'call.forwarded'>, callSeq: number): Fields<'call_steps'> {
  return stepFields('forward', e.edited ? 'edited' : 'as-approved', null, callSeq, e.sessionId, e.at, {
    arguments: e.arguments,
    edited: e.edited,
  });
}

/** A `prompt` step's data: the prompt as it arrived, without its answer. */
export type PromptStepData = Omit<PromptRecord, 'at' | 'answer'>;

/** A `prompt-answer` step's data: the answer, and the prompt it ends. */
export type PromptAnswerStepData = Omit<PromptAnswerRecord, 'at'> & { readonly promptId: string };

/** The data recorded for `prompt.received`. */
export function promptData(e: EventOf<'prompt.received'>): PromptStepData {
  return {
    promptId: e.promptId,
    method: e.method,
    params: e.params,
    related: e.related,
    linkedBy: e.linkedBy,
    route: e.route,
    itemId: e.itemId,
  };
}

/** The data recorded for `prompt.answered`. */
export function promptAnswerData(e: EventOf<'prompt.answered'>): PromptAnswerStepData {
  return { promptId: e.promptId, answer: e.answer, by: e.by, waitedMs: ms(e.waitedMs) };
}

/** The `call_steps` row for `prompt.received` of a prompt tied to one call; labelled with its route. */
export function promptStepFields(e: EventOf<'prompt.received'>, callSeq: number): Fields<'call_steps'> {
  return stepFields('prompt', e.route, null, callSeq, e.sessionId, e.at, promptData(e));
}

/** The `call_steps` row for `prompt.answered`; labelled with the answer's kind. */
export function promptAnswerStepFields(e: EventOf<'prompt.answered'>, callSeq: number): Fields<'call_steps'> {
  return stepFields('prompt-answer', e.answer.kind, null, callSeq, e.sessionId, e.at, promptAnswerData(e));
}

const PROMPT_MESSAGE_LIMIT = 200;

/** The `events` row for `prompt.received` of a prompt tied to no single call. */
export function promptEventFields(e: EventOf<'prompt.received'>): Fields<'events'> {
  const text = typeof e.params.message === 'string' ? e.params.message : '(no message)';
  // Cut in UTF-16 units, never between the halves of a surrogate pair.
  let end = Math.min(text.length, PROMPT_MESSAGE_LIMIT);
  if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  const shown = text.slice(0, end);
  return {
    session_id: e.sessionId,
    at: ms(e.at),
    kind: 'prompt',
    level: 'info',
    source: 'upstream',
    message: `${e.method} (${e.route}): ${shown}${end < text.length ? '…' : ''}`,
    data: recordJson(promptData(e)),
  };
}

/** The `events` row for `prompt.answered` of a prompt tied to no single call. */
export function promptAnswerEventFields(e: EventOf<'prompt.answered'>): Fields<'events'> {
  return {
    session_id: e.sessionId,
    at: ms(e.at),
    kind: 'prompt-answer',
    level: 'info',
    source: e.by.kind,
    message: `prompt ${e.promptId}: ${e.answer.kind} (${e.by.kind})`,
    data: recordJson(promptAnswerData(e)),
  };
}

/** Cuts `text` to at most `capBytes` UTF-8 bytes without splitting a character. */
export function capText(text: string, capBytes: number): { text: string; truncated: boolean } {
  // Cheap exits first: UTF-8 needs at most 3 bytes per UTF-16 unit.
  if (text.length * 3 <= capBytes || Buffer.byteLength(text, 'utf8') <= capBytes)
    return { text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  let end = Math.max(0, capBytes);
  // Back off continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

/** The outcome as stored: result text capped, full size kept. */
export function outcomeRecord(
  outcome: RecordedCallOutcome,
  durationMs: number | null,
  capBytes: number,
): Omit<OutcomeRecord, 'at'> {
  const none = {
    text: null,
    bytes: null,
    truncated: false,
    code: null,
    durationMs: durationMs === null ? null : ms(durationMs),
  };
  switch (outcome.kind) {
    case 'result': {
      const capped = capText(outcome.text, capBytes);
      return {
        ...none,
        kind: outcome.kind,
        isError: outcome.isError,
        message: null,
        text: capped.text,
        bytes: ms(outcome.bytes),
        truncated: capped.truncated,
      };
    }
    case 'rpc-error':
      return { ...none, kind: outcome.kind, isError: true, code: ms(outcome.code), message: outcome.message };
    case 'denied':
    case 'cancelled':
    case 'unknown':
      return { ...none, kind: outcome.kind, isError: true, message: outcome.reason };
    default:
      return assertNever(outcome, 'unknown call outcome');
  }
}

/** The `call_steps` row for an outcome (recorded or inferred by recovery). */
export function resultFields(
  callSeq: number,
  sessionId: string,
  at: number,
  outcome: RecordedCallOutcome,
  durationMs: number | null,
  capBytes: number,
): Fields<'call_steps'> {
  return stepFields(
    'result',
    outcome.kind,
    null,
    callSeq,
    sessionId,
    at,
    outcomeRecord(outcome, durationMs, capBytes),
  );
}

/** The `events` row for `tools.listed`. */
export function toolsListedFields(e: EventOf<'tools.listed'>): Fields<'events'> {
  const names = e.tools.map((tool) => (typeof tool.name === 'string' ? tool.name : '?'));
  return {
    session_id: e.sessionId,
    at: ms(e.at),
    kind: 'tools.listed',
    level: 'info',
    source: 'protocol',
    message: `${names.length} tools: ${names.join(', ')}`,
    data: recordJson({ tools: e.tools }),
  };
}

/** The `events` row for `session.log` (stderr lines, pinning alerts, errors). */
export function logFields(e: EventOf<'session.log'>): Fields<'events'> {
  return {
    session_id: e.sessionId,
    at: ms(e.at),
    kind: 'log',
    level: e.level,
    source: e.source,
    message: e.message,
    data: null,
  };
}

/** An `events` row keeping a call step whose call was never recorded, so nothing is dropped. */
export function orphanFields(e: CoreEvent): Fields<'events'> {
  return {
    session_id: e.sessionId,
    at: ms(e.at),
    kind: 'orphan',
    level: 'warning',
    source: 'history',
    message: `${e.type} for a call this history never recorded`,
    data: recordJson(e as unknown as JsonObject),
  };
}

/** An `events` row standing in for an event that could not be stored, with the reason and the event. */
export function unrecordableFields(e: CoreEvent, error: Error): Fields<'events'> {
  // Plain JSON with non-finite numbers spelled out: canonical JSON may be what refused the event.
  const data = JSON.stringify({ event: e }, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
  );
  return {
    session_id: typeof e.sessionId === 'string' ? e.sessionId : null,
    at: ms(e.at),
    kind: 'unrecordable',
    level: 'error',
    source: 'history',
    message: `could not record ${e.type}: ${error.message}`,
    data,
  };
}
