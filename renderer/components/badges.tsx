/** Small labelled badges. Colour marks risk or state, and a word (plus an icon) always says it too. */
import type { ApprovalStateKind } from '../../shared/approvals/types';
import type { SafeTextFlag } from '../../shared/safe-text/types';

const FLAG_WORDS: Readonly<Record<SafeTextFlag, string>> = {
  control: 'control characters',
  ansi: 'terminal escapes',
  bidi: 'bidirectional override',
  invisible: 'invisible characters',
  confusable: 'look-alike characters',
  newline: 'multiple lines',
  whitespace: 'hidden whitespace',
};

/** A risk class (read-only, exec, transfer …), shown with a word and an icon. */
export function RiskBadge({ riskClass }: { riskClass: string | null }) {
  const value = riskClass ?? 'unknown';
  const level = value === 'read-only' ? 'low' : value === 'unknown' ? 'unknown' : 'high';
  return (
    <span className={`badge risk-${level}`}>
      <span aria-hidden="true">{level === 'low' ? '●' : '▲'}</span> risk: {value}
    </span>
  );
}

/** A risk flag from command analysis or the sanitiser. */
export function FlagBadge({ flag }: { flag: string }) {
  const word = flag in FLAG_WORDS ? FLAG_WORDS[flag as SafeTextFlag] : flag;
  return (
    <span className="badge flag">
      <span aria-hidden="true">⚠</span> {word}
    </span>
  );
}

const STATE_WORDS: Readonly<Record<ApprovalStateKind, readonly [string, string]>> = {
  pending: ['◐', 'held'],
  approved: ['✓', 'approved'],
  'edited-and-approved': ['✎', 'edited and approved'],
  denied: ['✕', 'denied'],
  expired: ['◌', 'expired'],
  'withdrawn-by-client': ['↩', 'withdrawn'],
  invalidated: ['⊘', 'invalidated'],
};

/** An approval state. */
export function StateBadge({ state }: { state: ApprovalStateKind }) {
  const [icon, word] = STATE_WORDS[state];
  return (
    <span className={`badge state-${state}`}>
      <span aria-hidden="true">{icon}</span> {word}
    </span>
  );
}

/** A policy decision or call outcome word from history (allow, deny, approved …). */
export function OutcomeBadge({ word }: { word: string }) {
  const tone = /deny|denied|error|expired|cancel/.test(word)
    ? 'bad'
    : /allow|approved|result/.test(word)
      ? 'good'
      : 'neutral';
  const icon = tone === 'bad' ? '✕' : tone === 'good' ? '✓' : '•';
  return (
    <span className={`badge tone-${tone}`}>
      <span aria-hidden="true">{icon}</span> {word}
    </span>
  );
}
