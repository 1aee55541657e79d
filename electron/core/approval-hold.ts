/**
 * Holding a call for the operator: the bridge between the policy gate's `require_approval` and the
 * approval broker. Session grants and earlier decisions on identical calls are honoured first; otherwise
 * the call waits in the queue (with progress keepalives from the session) until the operator decides, the
 * item expires (deny), the client cancels (withdraw), or — for clients with short fixed time-outs — the
 * "answer early" deadline passes, when the agent is told to retry and the item stays pending for that retry.
 */
import type { JsonObject } from '../../shared/json';
import { approvalFacts } from '../approvals/approval-facts';
import type { ApprovalBroker, Resolution } from '../approvals/types';
import { digestArguments } from '../approvals/digest';
import type { PolicyDecision } from '../policy/gate';
import type { HoldCall } from '../policy/interceptor';
import type { CallVerdict, ToolCallContext } from '../proxy/interceptor';
import { denialResult } from '../proxy/tool-result';

/** What the hold needs from the rest of the core. */
export interface ApprovalHoldDeps {
  readonly broker: ApprovalBroker;
  /** Default expiry when the rule sets none. */
  readonly expiryMs: () => number;
}

/** The message an agent gets when its client cannot wait any longer. */
export function pendingRetryText(itemId: string): string {
  return (
    `Airlock is holding this call for operator approval (request ${itemId}). ` +
    'Ask the operator to review it in Airlock, then call the tool again with exactly the same arguments: ' +
    'once approved, the identical retry runs at once.'
  );
}

function verdictFor(resolution: Resolution): CallVerdict {
  return resolution.kind === 'forward'
    ? { kind: 'forward', arguments: resolution.arguments, edited: resolution.edited }
    : { kind: 'reply', result: denialResult(resolution.reason), denied: true, reason: resolution.reason };
}

/** Creates the `hold` the policy interceptor calls for `require_approval`. */
export function createApprovalHold(deps: ApprovalHoldDeps): HoldCall {
  const { broker } = deps;
  return async (ctx: ToolCallContext, decision: PolicyDecision): Promise<CallVerdict> => {
    const { session, tool } = ctx;
    const facts = approvalFacts(decision.fields);
    const grant = broker.findGrant(session.sessionId, tool, facts, ctx.arguments);
    if (grant) {
      ctx.recordApproval({ kind: 'session-grant' }, 0);
      return { kind: 'forward', arguments: ctx.arguments, edited: false };
    }
    const retry = broker.findRetry(session.serverName, tool, digestArguments(ctx.arguments), {
      sessionId: session.sessionId,
      callId: ctx.callId,
    });
    if (retry && retry.kind !== 'attached') {
      ctx.recordApproval(retry.resolution.outcome, retry.resolution.waitedMs);
      return verdictFor(retry.resolution);
    }
    const held =
      retry?.kind === 'attached'
        ? { itemId: retry.item.id, settled: retry.settled }
        : (() => {
            const h = broker.hold({
              sessionId: session.sessionId,
              callId: ctx.callId,
              kind: 'tool-call',
              client: session.client ? { name: session.client.name, version: session.client.version } : null,
              serverName: session.serverName,
              tool,
              arguments: ctx.arguments,
              facts,
              rule: { id: decision.rule, reason: decision.reason },
              expiresInMs: decision.expiresInMs ?? deps.expiryMs(),
              inputSchema: inputSchemaOf(ctx.toolDefinition),
            });
            return { itemId: h.item.id, settled: h.settled };
          })();

    ctx.queued();
    const onAbort = (): void => {
      broker.withdraw(held.itemId, 'the client cancelled the call');
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const early = session.routing.answerEarlyMs;
    let timer: NodeJS.Timeout | undefined;
    const deadline =
      early === null
        ? new Promise<never>(() => undefined)
        : new Promise<'early'>((resolve) => {
            timer = setTimeout(() => resolve('early'), early);
            timer.unref();
          });
    try {
      const first = await Promise.race([held.settled, deadline]);
      if (first === 'early') {
        broker.detach(held.itemId);
        const text = pendingRetryText(held.itemId);
        return {
          kind: 'reply',
          result: { content: [{ type: 'text', text }], isError: true },
          denied: false,
          reason: text,
        };
      }
      ctx.recordApproval(first.outcome, first.waitedMs);
      return verdictFor(first);
    } finally {
      if (timer) clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
    }
  };
}

function inputSchemaOf(definition: JsonObject | undefined): JsonObject | null {
  const schema = definition?.inputSchema;
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? schema : null;
}
