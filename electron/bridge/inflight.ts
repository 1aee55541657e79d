/**
 * Tracks which client requests are still unanswered, so that if the core goes away every one of them gets
 * an error instead of hanging. Pure bookkeeping over the relayed lines.
 */
import { leadingResponseId, parseObjectLine } from './json-line';

type Id = string | number;

/** The unanswered-request ledger. */
export interface Inflight {
  /** Notes a line the client sent (a request adds an id). */
  fromClient(line: string): void;
  /** Notes a line the core sent (a response removes an id). */
  fromCore(line: string): void;
  /** Error responses for every unanswered request; clears the ledger. */
  failAll(reason: string): string[];
  /** An error response for one client line if it is a request, else undefined (notifications need none). */
  failOne(line: string, reason: string): string | undefined;
}

/** Airlock's code for "the core or the upstream is unavailable". */
const UNAVAILABLE = -32003;

function key(id: Id): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}

function isId(value: unknown): value is Id {
  return typeof value === 'string' || typeof value === 'number';
}

function errorLine(id: Id | null, reason: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code: UNAVAILABLE, message: `Airlock: ${reason}` } });
}

/** Creates an empty ledger. */
export function createInflight(): Inflight {
  const open = new Map<string, Id>();
  return {
    fromClient(line) {
      const m = parseObjectLine(line);
      if (m && typeof m.method === 'string' && isId(m.id)) open.set(key(m.id), m.id);
    },
    fromCore(line) {
      // Nearly every core line is a response: its id is read without building the whole message.
      const answered = leadingResponseId(line);
      if (answered !== undefined) {
        open.delete(key(answered));
        return;
      }
      const m = parseObjectLine(line);
      if (m && m.method === undefined && isId(m.id)) open.delete(key(m.id));
    },
    failAll(reason) {
      const lines = [...open.values()].map((id) => errorLine(id, reason));
      open.clear();
      return lines;
    },
    failOne(line, reason) {
      const m = parseObjectLine(line);
      if (!m) return errorLine(null, `${reason} (and the message was not valid JSON)`);
      if (typeof m.method === 'string' && isId(m.id)) return errorLine(m.id, reason);
      return undefined;
    },
  };
}
