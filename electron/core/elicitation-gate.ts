/**
 * An upstream's own confirmation prompts (ssh-mcp asks its client, through `elicitation/create`, before a
 * destructive command). Airlock declares elicitation to the upstream and answers them itself, so the
 * confirmation is never left to an auto-answering client:
 * - a prompt that names the command of a call the operator approved, while that call runs upstream, is
 *   answered from that approval (one decision per command; `prompt-match.ts` says when exactly);
 * - any other prompt is its own queue item, linked to the running call(s) it belongs to.
 * A profile with `elicitation: client` forwards them to the client instead. Every prompt and its answer
 * (or its end without one) goes on the event bus as `prompt.received` / `prompt.answered`, for history.
 */
import { randomUUID } from 'node:crypto';
import type {
  ApprovalOutcome,
  CoreEvent,
  PromptAnswer,
  PromptAnsweredBy,
  PromptCall,
  PromptRoute,
} from '../../shared/events';
import { assertNever, isJsonObject, type Json, type JsonObject } from '../../shared/json';
import { resolutionFor } from '../approvals/resolution';
import { NO_FACTS } from '../approvals/approval-facts';
import type { ApprovalBroker } from '../approvals/types';
import type {
  RelayedAnswer,
  ServerRequestContext,
  ServerRequestVerdict,
  SessionInfo,
} from '../proxy/interceptor';
import { matchPrompt, queueReasonText, type RunningCall } from './prompt-match';
import type { RunningCalls } from './running-calls';

/** Declares form elicitation to the upstream when prompts are routed to the queue. */
export function withQueueElicitation(session: SessionInfo, capabilities: JsonObject): JsonObject {
  if (session.routing.elicitation !== 'queue' || capabilities.elicitation !== undefined) return capabilities;
  return { ...capabilities, elicitation: {} };
}

/** The `accept` content for an approval: boolean confirmation fields set to true, nothing invented. */
export function acceptContent(requestedSchema: unknown): JsonObject {
  const content: JsonObject = {};
  const properties =
    isJsonObject(requestedSchema) && isJsonObject(requestedSchema.properties)
      ? requestedSchema.properties
      : {};
  for (const [name, schema] of Object.entries(properties)) {
    if (isJsonObject(schema) && schema.type === 'boolean') content[name] = true;
  }
  return content;
}

/** A client's answer to a relayed prompt, as history records it. */
export function clientAnswer(answer: RelayedAnswer): PromptAnswer {
  switch (answer.kind) {
    case 'none':
      return { kind: 'none', reason: answer.reason };
    case 'error': {
      const error = isJsonObject(answer.error) ? answer.error : {};
      return {
        kind: 'error',
        code: typeof error.code === 'number' ? error.code : null,
        message: typeof error.message === 'string' ? error.message : 'the client answered with an error',
      };
    }
    case 'result': {
      const result = isJsonObject(answer.result) ? answer.result : null;
      if (result?.action === 'accept')
        return { kind: 'accept', content: isJsonObject(result.content) ? result.content : {} };
      if (result?.action === 'decline') return { kind: 'decline' };
      if (result?.action === 'cancel') return { kind: 'cancel' };
      return { kind: 'other', result: asJson(answer.result) };
    }
    default:
      return assertNever(answer, 'Unknown relayed answer');
  }
}

function asJson(value: unknown): Json {
  // Came off the wire as parsed JSON; `undefined` (no result field at all) is recorded as null.
  return value === undefined ? null : (value as Json);
}

/** What the gate needs from the core. */
export interface ElicitationGateDeps {
  readonly broker: ApprovalBroker;
  /** Default expiry of a queued prompt. */
  readonly expiryMs: () => number;
  /** The session's calls running upstream, fed from the event bus. */
  readonly running: RunningCalls;
  /** Publishes `prompt.received` / `prompt.answered` on the core's event bus. */
  readonly emit: (event: CoreEvent) => void;
  readonly clock?: () => number;
  readonly makeId?: () => string;
}

function promptCall(call: RunningCall): PromptCall {
  return { callId: call.callId, tool: call.tool, command: call.command, approved: call.approval !== null };
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'the upstream withdrew its request';
}

/** Answers an upstream `elicitation/create` from an approval or the queue, or lets it through to the client. */
export function createElicitationGate(deps: ElicitationGateDeps) {
  const { broker, running, emit } = deps;
  const clock = deps.clock ?? Date.now;
  const makeId = deps.makeId ?? randomUUID;

  return (ctx: ServerRequestContext): ServerRequestVerdict | Promise<ServerRequestVerdict> => {
    if (ctx.method !== 'elicitation/create') return { kind: 'forward' };
    const { sessionId, serverName } = ctx.session;
    const promptId = makeId();
    const arrivedAt = clock();
    const match = matchPrompt(ctx.params, running.of(sessionId));
    const relatedRunning = match.kind === 'approval' ? [match.call] : match.related;
    const related = relatedRunning.map(promptCall);
    const [first] = related;
    const callId = related.length === 1 && first !== undefined ? first.callId : null;
    const received = (route: PromptRoute, itemId: string | null): void =>
      emit({
        type: 'prompt.received',
        at: arrivedAt,
        sessionId,
        promptId,
        callId,
        method: ctx.method,
        params: ctx.params,
        related,
        linkedBy: match.kind === 'approval' ? 'command' : match.linkedBy,
        route,
        itemId,
      });
    const answered = (answer: PromptAnswer, by: PromptAnsweredBy): void => {
      const at = clock();
      emit({
        type: 'prompt.answered',
        at,
        sessionId,
        promptId,
        callId,
        answer,
        by,
        waitedMs: Math.max(0, at - arrivedAt),
      });
    };

    if (ctx.session.routing.elicitation === 'client') {
      received('client', null);
      return { kind: 'forward', onAnswer: (answer) => answered(clientAnswer(answer), { kind: 'client' }) };
    }

    const content = acceptContent(ctx.params.requestedSchema);
    if (match.kind === 'approval') {
      running.useApproval(sessionId, match.call.callId);
      received('approval', null);
      answered(
        { kind: 'accept', content },
        { kind: 'approval', callId: match.call.callId, outcome: match.call.approval },
      );
      return { kind: 'reply', result: { action: 'accept', content } };
    }

    const message =
      typeof ctx.params.message === 'string'
        ? ctx.params.message
        : 'The upstream server asks for confirmation.';
    const held = broker.hold({
      sessionId,
      callId: `elicitation:${promptId}`,
      kind: 'elicitation',
      client: ctx.session.client
        ? { name: ctx.session.client.name, version: ctx.session.client.version }
        : null,
      serverName,
      tool: 'elicitation/create',
      arguments: ctx.params,
      facts: NO_FACTS,
      rule: { id: 'upstream-confirmation', reason: queueReasonText(serverName, match.reason) },
      expiresInMs: deps.expiryMs(),
      message,
      relatedCalls: related,
    });
    const itemId = held.item.id;
    received('queue', itemId);
    let done = false;
    const finish = (answer: PromptAnswer, outcome: ApprovalOutcome): void => {
      if (done) return;
      done = true;
      answered(answer, { kind: 'queue', itemId, outcome });
    };
    // Withdrawn (the upstream cancelled, or the session ended): nothing is sent; recorded at once, in order.
    const onAbort = (): void => {
      const reason = abortReason(ctx.signal);
      broker.withdraw(itemId, reason);
      const item = broker.get(itemId);
      const outcome: ApprovalOutcome =
        item !== null && item.state.kind !== 'pending'
          ? resolutionFor(item, item.state, clock()).outcome
          : { kind: 'withdrawn-by-client' };
      finish({ kind: 'none', reason }, outcome);
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    return held.settled.then((resolution): ServerRequestVerdict => {
      ctx.signal.removeEventListener('abort', onAbort);
      if (resolution.kind === 'forward') {
        finish({ kind: 'accept', content }, resolution.outcome);
        return { kind: 'reply', result: { action: 'accept', content } };
      }
      finish({ kind: 'decline' }, resolution.outcome);
      return { kind: 'reply', result: { action: 'decline' } };
    });
  };
}
