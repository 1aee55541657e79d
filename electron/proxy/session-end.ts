/**
 * The one-line message a client gets for every request still open when its session ends. Pure.
 */
import type { SessionEnd } from '../../shared/events';
import { assertNever } from '../../shared/json';

/** Explains to the client why its request will not be answered by the upstream. */
export function endMessage(end: SessionEnd, serverName: string, detail?: string): string {
  switch (end.kind) {
    case 'client-closed':
      return 'The client closed the connection.';
    case 'upstream-exited': {
      const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code ?? 'unknown'}`;
      const last = end.stderrTail.at(-1);
      return `Upstream server '${serverName}' ${how} before answering${last ? ` (last stderr: ${last})` : ''}.`;
    }
    case 'upstream-failed':
      return `Upstream server '${serverName}' failed: ${end.message}`;
    case 'core-shutdown':
      return 'Airlock is shutting down; this request was not completed. Restart Airlock, then retry.';
    case 'error':
      return `Airlock ended the session: ${detail ?? end.message}`;
    default:
      return assertNever(end);
  }
}
