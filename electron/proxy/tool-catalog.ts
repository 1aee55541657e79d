/**
 * A session's view of its upstream's tools: the definitions from the latest `tools/list` (for policy,
 * pinning and edit validation), and the list as the client gets it (Airlock's task marking, then the
 * interceptor's filtering of hidden tools).
 */
import { isJsonObject, type JsonObject } from '../../shared/json';
import type { CallInterceptor, SessionInfo } from './interceptor';

/** The tools of a `tools/list` result page (anything that is not an object is skipped). */
export function toolsOf(result: Record<string, unknown>): JsonObject[] {
  const raw = result.tools;
  return Array.isArray(raw) ? raw.filter((tool): tool is JsonObject => isJsonObject(tool)) : [];
}

/** Tool definitions seen in one session. */
export class ToolCatalog {
  private readonly definitions = new Map<string, JsonObject>();

  /** Remembers the definitions of one page; returns its tools. */
  record(result: Record<string, unknown>): JsonObject[] {
    const tools = toolsOf(result);
    for (const tool of tools) if (typeof tool.name === 'string') this.definitions.set(tool.name, tool);
    return tools;
  }

  /** The tool's definition from the latest `tools/list`, if seen. */
  definition(name: string): JsonObject | undefined {
    return this.definitions.get(name);
  }
}

/**
 * Applies the interceptor's `tools/list` hook. Fails closed: when policy cannot filter the list, the
 * client sees no tools rather than tools that should have been hidden.
 */
export function filterToolsList(
  interceptor: CallInterceptor,
  session: SessionInfo,
  result: Record<string, unknown>,
  onError: (message: string) => void,
): Record<string, unknown> {
  if (!interceptor.onToolsList) return result;
  try {
    return interceptor.onToolsList(session, result as JsonObject);
  } catch (error) {
    onError(`tools/list filtering failed: ${(error as Error).message}; returned an empty list`);
    return { ...result, tools: [] };
  }
}
