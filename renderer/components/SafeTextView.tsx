/**
 * Renders sanitised text: literal segments as text nodes, escapes as visible badges naming what they
 * stand for. This is the only way attacker-influenced text reaches the DOM.
 */
import { memo, type ReactNode } from 'react';

import { sanitize } from '../../shared/safe-text';
import type { SafeText } from '../../shared/safe-text/types';

/**
 * Shows a `SafeText`; `hidden` input (past a display cap) is counted, never silently dropped.
 * `renderLiteral` may dress literal segments (search marks) but never sees or changes the escapes.
 */
export const SafeTextView = memo(function SafeTextView({
  text,
  className,
  renderLiteral,
}: {
  text: SafeText;
  className?: string;
  renderLiteral?: (literal: string, index: number) => ReactNode;
}) {
  return (
    <span className={className === undefined ? 'safe-text' : `safe-text ${className}`}>
      {text.segments.map((segment, index) =>
        segment.kind === 'text' ? (
          renderLiteral === undefined ? (
            segment.text
          ) : (
            renderLiteral(segment.text, index)
          )
        ) : (
          <span
            key={index}
            className={`escape escape-${segment.category}`}
            title={segment.label}
            aria-label={`hidden character: ${segment.label}`}
          >
            {segment.text}
          </span>
        ),
      )}
      {text.hidden > 0 ? (
        <span className="hidden-count"> … {text.hidden} more characters not shown</span>
      ) : null}
    </span>
  );
});

/** Sanitises a raw untrusted string (history output, tool names) and shows it. */
export const UntrustedText = memo(function UntrustedText({
  value,
  multiline = false,
  maxLength,
  className,
}: {
  value: string;
  multiline?: boolean;
  maxLength?: number;
  className?: string;
}) {
  const safe = sanitize(value, maxLength === undefined ? { multiline } : { multiline, maxLength });
  return <SafeTextView text={safe} {...(className === undefined ? {} : { className })} />;
});
