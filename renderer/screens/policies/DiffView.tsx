/** A policy diff as lines (`+` added, `-` removed), for version history and the save review. */
import type { DiffLine } from '../../../shared/contract/views';

/** The diff; `label` names it for assistive technology. */
export function DiffView({ lines, label }: { lines: readonly DiffLine[]; label: string }) {
  return (
    <div className="diff" aria-label={label} role="region">
      {lines.length === 0 ? <p className="meta">No differences.</p> : null}
      {lines.map((line, index) => (
        <p key={index} className={`diff-line diff-${line.kind}`}>
          {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
          {line.text}
        </p>
      ))}
    </div>
  );
}
