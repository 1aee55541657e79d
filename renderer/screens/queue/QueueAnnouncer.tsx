/** Tells screen readers when calls are newly held: a polite live region, silent when nothing arrived. */
import { useEffect, useRef, useState } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import { safeTextToString, sanitize } from '../../../shared/safe-text/sanitize';

/** The sentence for newly held calls (tool and server are untrusted: read out as plain escaped text). */
export function arrivalSentence(arrived: readonly ApprovalItem[], waiting: number): string {
  const newest = arrived[0];
  if (newest === undefined) return '';
  const plain = (text: string) => safeTextToString(sanitize(text, { maxLength: 80 }));
  const what = `${plain(newest.tool)} on ${plain(newest.serverName)}`;
  const lead =
    arrived.length === 1 ? `New held call: ${what}.` : `${arrived.length} new held calls; newest ${what}.`;
  return `${lead} ${waiting} waiting.`;
}

/** A visually hidden live region announcing arrivals since the last queue change. */
export function QueueAnnouncer({ items }: { items: readonly ApprovalItem[] }) {
  // The list on opening is the state of things, not news: it seeds what was seen.
  const seen = useRef<ReadonlySet<string>>(new Set(items.map((i) => i.id)));
  const [sentence, setSentence] = useState('');
  useEffect(() => {
    const arrived = items.filter((item) => !seen.current.has(item.id));
    // Ids never come back once gone, so only the current ones need remembering.
    seen.current = new Set(items.map((i) => i.id));
    if (arrived.length > 0) setSentence(arrivalSentence(arrived, items.length));
  }, [items]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="queue-announcer">
      {sentence}
    </div>
  );
}
