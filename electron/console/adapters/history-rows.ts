/** Maps the history store's records to the console's views. */
import type {
  CallDetailView,
  HistorySessionRow,
  PromptView,
  TimelineRow,
} from '../../../shared/contract/views';
import { assertNever } from '../../../shared/json';
import type { ApprovalOutcome, PromptAnsweredBy } from '../../../shared/events';
import type { CallDetail, PromptRecord, SessionSummary } from '../../history/types';

/** The approval outcome as one word. */
export function approvalWord(outcome: ApprovalOutcome): string {
  switch (outcome.kind) {
    case 'approved':
      return outcome.scope === 'once' ? 'approved' : `approved (${outcome.scope})`;
    case 'edited-and-approved':
    case 'denied':
    case 'expired':
    case 'withdrawn-by-client':
    case 'invalidated':
    case 'session-grant':
      return outcome.kind;
    default:
      return assertNever(outcome, 'Unknown approval outcome');
  }
}

function approver(outcome: ApprovalOutcome | undefined): string | null {
  if (outcome === undefined) return null;
  return 'by' in outcome ? outcome.by : null;
}

/** Who or what answered an upstream prompt, as one line. */
export function answeredByText(by: PromptAnsweredBy): string {
  switch (by.kind) {
    case 'approval': {
      const who = approver(by.outcome);
      return `answered from the approval of call ${by.callId} (${approvalWord(by.outcome)}${who === null ? '' : ` by ${who}`})`;
    }
    case 'queue': {
      const outcome = by.outcome;
      const who = approver(outcome);
      const reason = outcome.kind === 'denied' || outcome.kind === 'invalidated' ? `: ${outcome.reason}` : '';
      return `${who === null ? 'its queue item' : `${who}, in the queue`} (${approvalWord(outcome)}${reason})`;
    }
    case 'client':
      return 'the client';
    default:
      return assertNever(by, 'Unknown prompt answerer');
  }
}

/** A recorded prompt as the call detail shows it. */
export function promptView(prompt: PromptRecord): PromptView {
  const message = prompt.params.message;
  return {
    promptId: prompt.promptId,
    at: prompt.at,
    message: typeof message === 'string' ? message : null,
    route: prompt.route,
    answer: prompt.answer?.answer.kind ?? null,
    answeredBy: prompt.answer === null ? null : answeredByText(prompt.answer.by),
    answeredAt: prompt.answer?.at ?? null,
  };
}

/** A session summary as a list row. */
export function sessionRow(summary: SessionSummary): HistorySessionRow {
  return {
    sessionId: summary.sessionId,
    serverName: summary.serverName,
    clientName: summary.client?.name ?? null,
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    callCount: summary.callCount,
    endReason: summary.end?.kind ?? null,
  };
}

/** A call as a timeline row. */
export function timelineRow(call: CallDetail): TimelineRow {
  const outcome = call.outcome;
  let outcomeWord: string | null = call.status === 'completed' ? null : call.status;
  if (outcome !== null) outcomeWord = outcome.kind === 'result' && outcome.isError ? 'error' : outcome.kind;
  return {
    callId: call.callId,
    sessionId: call.sessionId,
    at: call.at,
    tool: call.tool,
    command: call.decision?.command ?? null,
    host: call.decision?.host ?? null,
    decision: call.decision?.action ?? null,
    approval: call.approval === null ? null : approvalWord(call.approval.outcome),
    outcome: outcomeWord,
    durationMs: outcome?.durationMs ?? null,
  };
}

/** A call with everything recorded. */
export function callDetailView(call: CallDetail): CallDetailView {
  const outcome = call.approval?.outcome;
  return {
    ...timelineRow(call),
    arguments: call.arguments,
    forwardedArguments: call.forwarded?.arguments ?? null,
    rule: call.decision?.rule ?? null,
    reason: call.decision?.reason ?? null,
    approver: approver(outcome),
    denyReason: outcome?.kind === 'denied' ? outcome.reason : null,
    output: call.outcome?.text ?? call.outcome?.message ?? null,
    isError: call.outcome?.isError ?? false,
    prompts: call.prompts.map(promptView),
  };
}
