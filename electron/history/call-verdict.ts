/**
 * Pure reading of a recorded call for an auditor: what finally became of it, who or what decided, how
 * long it waited for a human and how long it ran upstream. One source for the console's timeline and the
 * CSV export, so both say the same thing.
 */
import type { CallDecider, CallVerdict } from '../../shared/contract/history-views';
import { assertNever } from '../../shared/json';
import type { CallDetail } from './types';

/** Rule ids that name Airlock itself rather than a policy rule. */
const BUILT_IN_SOURCES: ReadonlySet<string> = new Set(['fail-closed', 'pass-through', 'interceptor']);

/** The decider a policy decision names. */
export function policyDecider(rule: string): CallDecider {
  if (rule === 'default') return { kind: 'default' };
  if (BUILT_IN_SOURCES.has(rule)) return { kind: 'airlock', source: rule };
  return { kind: 'rule', rule };
}

/** The verdict and decider of a held call's approval step. */
export function approvalVerdict(outcome: NonNullable<CallDetail['approval']>['outcome']): {
  readonly verdict: CallVerdict;
  readonly decider: CallDecider;
} {
  switch (outcome.kind) {
    case 'approved':
      return { verdict: 'approved', decider: { kind: 'operator', name: outcome.by } };
    case 'edited-and-approved':
      return { verdict: 'edited-and-approved', decider: { kind: 'operator', name: outcome.by } };
    case 'denied':
      return { verdict: 'rejected', decider: { kind: 'operator', name: outcome.by } };
    case 'expired':
      return { verdict: 'expired', decider: { kind: 'expiry' } };
    case 'withdrawn-by-client':
      return { verdict: 'withdrawn', decider: { kind: 'client' } };
    case 'invalidated':
      return { verdict: 'invalidated', decider: { kind: 'airlock', source: 'invalidated' } };
    case 'session-grant':
      return { verdict: 'approved', decider: { kind: 'session-grant' } };
    default:
      return assertNever(outcome, 'unknown approval outcome');
  }
}

/** A call without a decision: waiting, cancelled first, or cut off by a stop. */
function undecided(call: CallDetail): { verdict: CallVerdict; decider: CallDecider } {
  const outcome = call.outcome;
  if (outcome === null) return { verdict: 'pending', decider: { kind: 'none' } };
  if (outcome.kind === 'cancelled') return { verdict: 'cancelled', decider: { kind: 'client' } };
  if (outcome.kind === 'denied') return { verdict: 'denied', decider: { kind: 'airlock', source: 'hold' } };
  return { verdict: 'unknown', decider: { kind: 'none' } };
}

/** What became of the call and who or what decided it. */
export function callVerdict(call: CallDetail): { verdict: CallVerdict; decider: CallDecider } {
  if (call.approval !== null) return approvalVerdict(call.approval.outcome);
  const decision = call.decision;
  if (decision === null) return undecided(call);
  switch (decision.action) {
    case 'allow':
      return { verdict: 'allowed', decider: policyDecider(decision.rule) };
    case 'deny':
      return { verdict: 'denied', decider: policyDecider(decision.rule) };
    case 'require_approval':
      // Held, and no human step recorded: still waiting, or ended before anyone decided.
      return undecided(call);
    default:
      return assertNever(decision.action, 'unknown policy action');
  }
}

/** How long the call ran upstream: from forwarding to its outcome; null when it never ran or has not ended. */
export function upstreamMs(call: CallDetail): number | null {
  if (call.forwarded === null || call.outcome === null || call.outcome.kind === 'unknown') return null;
  return Math.max(0, call.outcome.at - call.forwarded.at);
}

/** The decider as one stable token for exports: `rule:ID`, `default`, `operator:NAME`, `expiry` … */
export function deciderCode(decider: CallDecider): string {
  switch (decider.kind) {
    case 'rule':
      return `rule:${decider.rule}`;
    case 'airlock':
      return `airlock:${decider.source}`;
    case 'operator':
      return `operator:${decider.name}`;
    case 'default':
    case 'session-grant':
    case 'expiry':
    case 'client':
      return decider.kind;
    case 'none':
      return '';
    default:
      return assertNever(decider, 'unknown decider');
  }
}
