/**
 * The core's side of a bridge reconnecting: what it tells a bridge when a session ends, and the history
 * line that marks where a reconnected session picks up from a lost one. Pure.
 */
import type { SessionEnd } from '../../shared/events';
import { assertNever } from '../../shared/json';
import type { SessionEndNotice } from './control-line';
import type { Hello } from './handshake';

/** Whether a bridge should come back after `end`: only when the core itself is the one going away. */
export function noticeFor(end: SessionEnd, message: string): SessionEndNotice {
  switch (end.kind) {
    case 'core-shutdown':
      return { kind: 'core-stopping' };
    case 'client-closed':
    case 'upstream-exited':
    case 'upstream-failed':
    case 'error':
      return { kind: 'session-ended', message };
    default:
      return assertNever(end);
  }
}

/** The session log line recorded when a bridge reconnects after losing the core. */
export function resumeMessage(resume: NonNullable<Hello['resume']>, now: number): string {
  const gap = Math.max(0, now - resume.lostAt);
  const failed =
    resume.failedRequests === 0
      ? 'no request was in flight'
      : `${resume.failedRequests} request${resume.failedRequests === 1 ? '' : 's'} in flight ` +
        `${resume.failedRequests === 1 ? 'was' : 'were'} answered with an error`;
  return (
    `The bridge reconnected after losing the Airlock core for ${(gap / 1000).toFixed(1)} s; ` +
    `this session continues session ${resume.sessionId} (${failed}; the upstream was initialised again ` +
    `from the client's own initialize).`
  );
}
