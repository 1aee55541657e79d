/**
 * A ready `CallInterceptor` around the policy gate: allow forwards, deny answers the agent with an
 * `isError` result prefixed with the denial prefix (`proxy/tool-result.ts`), and require_approval is handed to an injected
 * `hold` (the approval broker). Hidden tools are filtered out of `tools/list` and pins recorded there.
 * Counter commits for forwarded calls need the call's outcome: feed `call.completed` events to
 * {@link PolicyGate.onResult} (see electron/policy/README.md).
 */
import type { JsonObject } from '../../shared/json';
import type { CallInterceptor, CallVerdict, ToolCallContext } from '../proxy/interceptor';
import { toolsOf } from '../proxy/tool-catalog';
import { denialResult } from '../proxy/tool-result';
import type { PolicyDecision, PolicyGate } from './gate';

/** Holds a call for a human; resolves with what to do. Rejecting denies the call. */
export type HoldCall = (ctx: ToolCallContext, decision: PolicyDecision) => Promise<CallVerdict>;

/** Builds the interceptor. */
export function createPolicyInterceptor(gate: PolicyGate, hold: HoldCall): CallInterceptor {
  // Pages of a paged tools/list, per session, until the page without nextCursor completes the listing.
  const listings = new Map<string, JsonObject[]>();
  const deny = (ctx: ToolCallContext, reason: string): CallVerdict => {
    gate.onResult(ctx.callId, false);
    return { kind: 'reply', result: denialResult(reason), denied: true, reason };
  };
  return {
    async onToolCall(ctx) {
      // The launch identifies a server that neither its tools/list nor its serverInfo names, and its
      // flags may name the target (ssh-mcp --host/--user).
      const upstream = ctx.session.upstream;
      const decision = gate.decide({
        sessionId: ctx.session.sessionId,
        serverName: ctx.session.serverName,
        ...(ctx.session.server && { serverInfoName: ctx.session.server.name }),
        tool: ctx.tool,
        arguments: ctx.arguments,
        ...(ctx.toolDefinition && { toolDefinition: ctx.toolDefinition }),
        ...(upstream.transport === 'stdio' && {
          launch: { command: upstream.command, args: upstream.args },
        }),
        callId: ctx.callId,
      });
      ctx.recordDecision(
        { action: decision.action, rule: decision.rule, reason: decision.reason },
        decision.fields,
      );
      switch (decision.action) {
        case 'allow':
          return { kind: 'forward', arguments: ctx.arguments, edited: false };
        case 'deny':
          return deny(ctx, decision.reason);
        case 'require_approval': {
          let verdict: CallVerdict;
          try {
            verdict = await hold(ctx, decision);
          } catch (error) {
            return deny(ctx, `approval failed: ${error instanceof Error ? error.message : String(error)}`);
          }
          if (verdict.kind === 'reply') gate.onResult(ctx.callId, false);
          return verdict;
        }
      }
    },
    onToolsList(session, result) {
      const tools = toolsOf(result);
      const { hiddenTools } = gate.onToolsList(session.serverName, tools, false);
      const listing = [...(listings.get(session.sessionId) ?? []), ...tools];
      if (typeof result.nextCursor === 'string' && result.nextCursor !== '') {
        listings.set(session.sessionId, listing);
      } else {
        listings.delete(session.sessionId);
        gate.onToolsList(session.serverName, listing, true);
      }
      if (hiddenTools.length === 0) return { ...result };
      const hidden = new Set(hiddenTools);
      return { ...result, tools: tools.filter((t) => typeof t.name !== 'string' || !hidden.has(t.name)) };
    },
    onSessionEnd(session) {
      listings.delete(session.sessionId);
      gate.onSessionEnd(session.sessionId);
    },
  };
}
