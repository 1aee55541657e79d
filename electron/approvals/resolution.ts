/** What a terminal item means for the call it held: the verdict, the reason the agent reads, the outcome. */
import type { ApprovalItem, ApprovalState } from '../../shared/approvals/types';
import { assertNever } from '../../shared/json';
import type { Resolution } from './types';

/** Every state an item can end in. */
export type TerminalState = Exclude<ApprovalState, { kind: 'pending' }>;

/** `5 minutes`, `1 minute`, `90 seconds`: a duration as a person says it. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 === 0 && seconds > 0) {
    const minutes = seconds / 60;
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** The resolution of an item that reached `state` at time `now`; `detail` says why a client withdrew. */
export function resolutionFor(
  item: ApprovalItem,
  state: TerminalState,
  now: number,
  detail?: string,
): Resolution {
  const waitedMs = Math.max(0, now - item.createdAt);
  switch (state.kind) {
    case 'approved':
      return {
        kind: 'forward',
        arguments: item.arguments,
        edited: false,
        outcome: { kind: 'approved', by: state.by, scope: state.scope },
        waitedMs,
      };
    case 'edited-and-approved':
      return {
        kind: 'forward',
        arguments: state.arguments,
        edited: true,
        outcome: { kind: 'edited-and-approved', by: state.by, original: item.arguments },
        waitedMs,
      };
    case 'denied':
      return {
        kind: 'deny',
        reason: `Denied by the operator: ${state.reason}`,
        outcome: { kind: 'denied', by: state.by, reason: state.reason },
        waitedMs,
      };
    case 'expired':
      return {
        kind: 'deny',
        reason: `Approval expired after ${formatDuration(item.expiresAt - item.createdAt)}`,
        outcome: { kind: 'expired' },
        waitedMs,
      };
    case 'withdrawn-by-client':
      return {
        kind: 'deny',
        reason: `Approval withdrawn: ${detail ?? 'the client cancelled the call'}`,
        outcome: { kind: 'withdrawn-by-client' },
        waitedMs,
      };
    case 'invalidated':
      return {
        kind: 'deny',
        reason: `Approval invalidated: ${state.reason}`,
        outcome: { kind: 'invalidated', reason: state.reason },
        waitedMs,
      };
    default:
      return assertNever(state, 'Unknown approval state');
  }
}
