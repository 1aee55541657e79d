/**
 * An upstream's own confirmation prompts (ssh-mcp asks its client, through `elicitation/create`, before a
 * destructive command) go to Airlock's queue by default: Airlock declares elicitation to the upstream and
 * answers from the operator's decision, so the confirmation is never left to an auto-answering client.
 * A profile with `elicitation: client` forwards them to the client instead.
 */
import { randomUUID } from 'node:crypto';
import { isJsonObject, type JsonObject } from '../../shared/json';
import type { ApprovalBroker } from '../approvals/types';
import type { ServerRequestContext, ServerRequestVerdict, SessionInfo } from '../proxy/interceptor';

/** Declares form elicitation to the upstream when prompts are routed to the queue. */
export function withQueueElicitation(session: SessionInfo, params: JsonObject): JsonObject {
  if (session.routing.elicitation !== 'queue') return { ...params };
  const capabilities = isJsonObject(params.capabilities) ? params.capabilities : {};
  if (capabilities.elicitation !== undefined) return { ...params };
  return { ...params, capabilities: { ...capabilities, elicitation: {} } };
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

/** Answers an upstream `elicitation/create` from the approval queue, or lets it through to the client. */
export function createElicitationGate(broker: ApprovalBroker, expiryMs: () => number) {
  return (ctx: ServerRequestContext): ServerRequestVerdict | Promise<ServerRequestVerdict> => {
    if (ctx.method !== 'elicitation/create' || ctx.session.routing.elicitation !== 'queue')
      return { kind: 'forward' };
    const message =
      typeof ctx.params.message === 'string'
        ? ctx.params.message
        : 'The upstream server asks for confirmation.';
    const held = broker.hold({
      sessionId: ctx.session.sessionId,
      callId: `elicitation:${randomUUID()}`,
      kind: 'elicitation',
      client: ctx.session.client
        ? { name: ctx.session.client.name, version: ctx.session.client.version }
        : null,
      serverName: ctx.session.serverName,
      tool: 'elicitation/create',
      arguments: ctx.params,
      fields: {},
      rule: { id: 'upstream-confirmation', reason: `${ctx.session.serverName} asked for confirmation` },
      expiresInMs: expiryMs(),
      message,
    });
    ctx.signal.addEventListener(
      'abort',
      () => broker.withdraw(held.item.id, 'the upstream withdrew its request'),
      { once: true },
    );
    return held.settled.then((resolution): ServerRequestVerdict =>
      resolution.kind === 'forward'
        ? { kind: 'reply', result: { action: 'accept', content: acceptContent(ctx.params.requestedSchema) } }
        : { kind: 'reply', result: { action: 'decline' } },
    );
  };
}
