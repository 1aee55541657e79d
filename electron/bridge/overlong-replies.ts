/**
 * What the bridge does with a line over its limit, so no request is silently dropped: the sender of a
 * request gets an error with the request's id, a response the bridge cannot carry becomes an error
 * response for the same id, and what cannot be answered is said on stderr. Pure.
 */
import type { Overlong } from '../proxy/line-splitter';
import { describeOverlong, readOverlong, type RpcId } from '../proxy/overlong-message';

/** Lines to send each way, and the log line. */
export interface OverlongReplies {
  readonly toClient: readonly string[];
  readonly toCore: readonly string[];
  readonly log: string;
}

/** JSON-RPC "Invalid Request": the message could not be taken as sent. */
const INVALID_REQUEST = -32600;
/** JSON-RPC "Internal error": an answer existed but could not be delivered. */
const INTERNAL_ERROR = -32603;

function errorLine(id: RpcId | null, code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code, message: `Airlock: ${message}` } });
}

/** The replies for an overlong line that came from the client (`from` 'client') or the core. */
export function overlongReplies(overlong: Overlong, from: 'client' | 'core'): OverlongReplies {
  const message = readOverlong(overlong);
  const size = `${overlong.bytes} bytes, over the bridge's limit of ${overlong.maxLineBytes}`;
  const log = `airlock: ${describeOverlong(overlong, from === 'client' ? 'the client' : 'the core')}`;
  const back = (line: string) =>
    from === 'client' ? { toClient: [line], toCore: [] } : { toClient: [], toCore: [line] };
  const onward = (line: string) =>
    from === 'client' ? { toClient: [], toCore: [line] } : { toClient: [line], toCore: [] };
  switch (message.kind) {
    case 'request':
      return {
        ...back(errorLine(message.id, INVALID_REQUEST, `this request is ${size}; it was not forwarded`)),
        log: `${log}: request ${JSON.stringify(message.id)} (${message.method ?? '?'}) answered with an error`,
      };
    case 'response':
      return {
        ...onward(
          errorLine(message.id, INTERNAL_ERROR, `the answer to this request was ${size}; it was dropped`),
        ),
        log: `${log}: the response to ${JSON.stringify(message.id)} was replaced by an error`,
      };
    case 'notification':
      return { toClient: [], toCore: [], log: `${log}: notification ${message.method ?? '?'} dropped` };
    case 'unreadable':
      // JSON-RPC: when the id cannot be read, the error's id is null.
      return from === 'client'
        ? {
            toClient: [errorLine(null, INVALID_REQUEST, `a message of ${size} could not be read; dropped`)],
            toCore: [],
            log: `${log}: unreadable, answered with an error (id null)`,
          }
        : { toClient: [], toCore: [], log: `${log}: unreadable, dropped` };
    default:
      return message satisfies never;
  }
}
