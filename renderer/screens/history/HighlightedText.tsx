/**
 * Untrusted text, sanitised, with search matches marked. The text is sanitised first and only its
 * literal segments are split at the matches into `<mark>` spans, so hidden characters stay visible
 * badges and nothing is ever parsed as HTML.
 */
import { memo } from 'react';

import { sanitize } from '../../../shared/safe-text';
import { SafeTextView } from '../../components/SafeTextView';
import { splitMatches } from './timeline-search';

/** Shows `value` like `UntrustedText`, marking every occurrence of `terms`. */
export const HighlightedText = memo(function HighlightedText({
  value,
  terms,
  maxLength,
  className,
}: {
  value: string;
  terms: readonly string[];
  maxLength?: number;
  className?: string;
}) {
  const safe = sanitize(value, maxLength === undefined ? {} : { maxLength });
  return (
    <SafeTextView
      text={safe}
      {...(className === undefined ? {} : { className })}
      renderLiteral={(literal, index) =>
        splitMatches(literal, terms).map((piece, at) =>
          piece.hit ? (
            <mark key={`${index}.${at}`} className="search-hit">
              {piece.text}
            </mark>
          ) : (
            <span key={`${index}.${at}`}>{piece.text}</span>
          ),
        )
      }
    />
  );
});
