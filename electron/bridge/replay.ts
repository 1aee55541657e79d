/**
 * What a bridge needs to bring a reconnected core session to where the lost one was: the client's own
 * `initialize` request and `notifications/initialized`, replayed under a bridge-private id so that the
 * answer is the bridge's to swallow. Pure bookkeeping over the relayed lines.
 */
import { parseObjectLine } from './json-line';

/** The recorded opening of the client's session. */
export interface SessionReplay {
  /** Notes a client line; remembers the first `initialize` and `notifications/initialized`. */
  fromClient(line: string): void;
  /** The lines that re-open the session on a new core, the initialize under `id`; none before initialize. */
  opening(id: string): { readonly initialize: string; readonly initialized: string | undefined } | undefined;
}

/** Whether a core line is the answer to the bridge's own replayed initialize `id`, and how it went. */
export function replayAnswer(line: string, id: string): 'ok' | 'error' | undefined {
  // The id is a bridge-made string; a cheap substring test keeps this off the relay's hot path.
  if (!line.includes(id)) return undefined;
  const m = parseObjectLine(line);
  if (m === undefined || m.id !== id || m.method !== undefined) return undefined;
  return m.result !== undefined ? 'ok' : 'error';
}

/** The message of a JSON-RPC error line, for the bridge's own explanations. */
export function errorMessageOf(line: string): string {
  const error = parseObjectLine(line)?.error;
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : 'an error';
}

/** Creates an empty record. */
export function createSessionReplay(): SessionReplay {
  let initialize: Record<string, unknown> | undefined;
  let initialized: string | undefined;
  return {
    fromClient(line) {
      if (initialize !== undefined && initialized !== undefined) return;
      // Only the opening lines matter; skip parsing everything else.
      if (!line.includes('initialize')) return;
      const m = parseObjectLine(line);
      if (m?.method === 'initialize' && initialize === undefined && m.id !== undefined) initialize = m;
      else if (m?.method === 'notifications/initialized' && initialized === undefined) initialized = line;
    },
    opening(id) {
      if (initialize === undefined) return undefined;
      return { initialize: JSON.stringify({ ...initialize, id }), initialized };
    },
  };
}
