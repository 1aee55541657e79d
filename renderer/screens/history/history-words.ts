/** Pure wording for history rows: who decided, and how long a call waited or ran. */
import type { CallDecider } from '../../../shared/contract/views';
import { assertNever } from '../../../shared/json';
import { formatDuration } from '../../components/time';

/** "by rule X", "by the policy default", "by operator alice", "by expiry" …; null when nothing decided. */
export function deciderLabel(decider: CallDecider): string | null {
  switch (decider.kind) {
    case 'rule':
      return `by rule ${decider.rule}`;
    case 'default':
      return 'by the policy default';
    case 'airlock':
      return `by Airlock (${decider.source})`;
    case 'operator':
      return `by operator ${decider.name}`;
    case 'session-grant':
      return 'by a session grant';
    case 'expiry':
      return 'by expiry';
    case 'client':
      return 'by the client';
    case 'none':
      return null;
    default:
      return assertNever(decider, 'unknown decider');
  }
}

/** `35 ms`, `1.2 s`, then `3m 05s`: short waits and runs need more than whole seconds. */
export function formatElapsed(ms: number): string {
  const value = Math.max(0, Math.round(ms));
  if (value < 1000) return `${value} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  return formatDuration(value);
}
