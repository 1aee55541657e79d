/**
 * Helpers for `tools/call` results: denial results the agent can read, and a summary of a result for
 * the event stream. Pure.
 */
import type { CallOutcome } from '../../shared/events';
import { isJsonObject } from '../../shared/json';
import type { ToolResult } from './interceptor';

/** Prefix on every denial Airlock returns, so agents and humans recognise where it came from. */
export const DENIAL_PREFIX = 'Airlock denied this call: ';

/** A tool result with `isError: true` carrying the reason, as MCP wants for errors the model can adapt to. */
export function denialResult(reason: string): ToolResult {
  return { content: [{ type: 'text', text: `${DENIAL_PREFIX}${reason}` }], isError: true };
}

/** Summarises a `tools/call` result: its text content joined, its error flag and its size. */
export function summariseResult(result: Record<string, unknown>): CallOutcome {
  const content = Array.isArray(result.content) ? (result.content as unknown[]) : [];
  const texts: string[] = [];
  for (const item of content) {
    if (typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'text') {
      const text = (item as { text?: unknown }).text;
      if (typeof text === 'string') texts.push(text);
    }
  }
  if (texts.length === 0 && result.structuredContent !== undefined)
    texts.push(JSON.stringify(result.structuredContent));
  if (texts.length === 0) texts.push(...otherResultText(result));
  return {
    kind: 'result',
    isError: result.isError === true,
    text: texts.join('\n'),
    bytes: Buffer.byteLength(JSON.stringify(result)),
  };
}

/** What a modern result that is not a final answer says: the prompts of `input_required`, or a task handle. */
function otherResultText(result: Record<string, unknown>): string[] {
  if (result.resultType === 'task') return [`task ${String(result.taskId)}: ${String(result.status)}`];
  if (result.resultType !== 'input_required') return [];
  const requests =
    typeof result.inputRequests === 'object' && result.inputRequests !== null
      ? Object.values(result.inputRequests)
      : [];
  const asks = requests.map((request: unknown) => {
    const entry = isJsonObject(request) ? request : {};
    const params = isJsonObject(entry.params) ? entry.params : {};
    return typeof params.message === 'string'
      ? params.message
      : typeof entry.method === 'string'
        ? entry.method
        : 'a request';
  });
  return [`input required: ${asks.join(' | ')}`];
}
