/** Maps the history store's records to the console's views. */
import { eraOf } from '../../../shared/mcp-era';
import type {
  CallDetailView,
  CallStepView,
  HistorySessionRow,
  PromptView,
  TimelineRow,
} from '../../../shared/contract/history-views';
import { assertNever } from '../../../shared/json';
import type { ApprovalOutcome, PromptAnsweredBy } from '../../../shared/events';
import { approvalVerdict, callVerdict, upstreamMs } from '../../history/call-verdict';
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
    protocolVersion: summary.protocolVersion,
    era: summary.protocolVersion === null ? null : eraOf(summary.protocolVersion),
  };
}

/** A call as a timeline row: what ran where, what became of it, who decided, how long it waited and ran. */
export function timelineRow(call: CallDetail): TimelineRow {
  const outcome = call.outcome;
  let outcomeWord: string | null = call.status === 'completed' ? null : call.status;
  if (outcome !== null) outcomeWord = outcome.kind === 'result' && outcome.isError ? 'error' : outcome.kind;
  const approval = call.approval?.outcome;
  const { verdict, decider } = callVerdict(call);
  return {
    callId: call.callId,
    sessionId: call.sessionId,
    at: call.at,
    tool: call.tool,
    argumentsText: JSON.stringify(call.arguments),
    command: call.decision?.command ?? null,
    host: call.decision?.host ?? null,
    user: call.decision?.user ?? null,
    risk: call.decision?.risk ?? null,
    decision: call.decision?.action ?? null,
    rule: call.decision?.rule ?? null,
    reason: call.decision?.reason ?? null,
    approval: approval === undefined ? null : approvalWord(approval),
    denyReason: approval?.kind === 'denied' ? approval.reason : null,
    verdict,
    decider,
    waitedMs: call.approval?.waitedMs ?? null,
    ranMs: upstreamMs(call),
    outcome: outcomeWord,
    durationMs: outcome?.durationMs ?? null,
    prompts: call.prompts.map(promptView),
  };
}

/** Order of steps recorded in the same millisecond: the order the core emits them. */
const STEP_ORDER: Readonly<Record<CallStepView['kind'], number>> = {
  received: 0,
  decided: 1,
  approval: 2,
  forwarded: 3,
  prompt: 4,
  'prompt-answer': 5,
  completed: 6,
};

/** Every recorded step of a call, upstream prompts and their answers among them, in time order. */
export function callSteps(call: CallDetail): CallStepView[] {
  const steps: CallStepView[] = [{ kind: 'received', at: call.at }];
  const d = call.decision;
  if (d !== null) steps.push({ kind: 'decided', at: d.at, action: d.action, rule: d.rule, reason: d.reason });
  const a = call.approval;
  if (a !== null) {
    steps.push({
      kind: 'approval',
      at: a.at,
      outcome: approvalWord(a.outcome),
      decider: approvalVerdict(a.outcome).decider,
      waitedMs: a.waitedMs,
    });
  }
  if (call.forwarded !== null)
    steps.push({ kind: 'forwarded', at: call.forwarded.at, edited: call.forwarded.edited });
  for (const record of call.prompts) {
    const prompt = promptView(record);
    steps.push({ kind: 'prompt', at: prompt.at, prompt });
    if (prompt.answeredAt !== null) steps.push({ kind: 'prompt-answer', at: prompt.answeredAt, prompt });
  }
  const o = call.outcome;
  if (o !== null) {
    const word = o.kind === 'result' && o.isError ? 'error' : o.kind;
    steps.push({ kind: 'completed', at: o.at, outcome: word, durationMs: o.durationMs });
  }
  // Stable: steps of one millisecond keep the order above.
  return steps
    .map((step, index) => ({ step, index }))
    .sort(
      (x, y) =>
        x.step.at - y.step.at || STEP_ORDER[x.step.kind] - STEP_ORDER[y.step.kind] || x.index - y.index,
    )
    .map(({ step }) => step);
}

/** A call with everything recorded. */
export function callDetailView(call: CallDetail): CallDetailView {
  return {
    ...timelineRow(call),
    arguments: call.arguments,
    forwardedArguments: call.forwarded?.arguments ?? null,
    approver: approver(call.approval?.outcome),
    output: call.outcome?.text ?? call.outcome?.message ?? null,
    isError: call.outcome?.isError ?? false,
    steps: callSteps(call),
  };
}
