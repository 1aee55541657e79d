/**
 * The one sanitiser for everything an operator is shown. Pure and browser-safe.
 */
import { matchAnsi } from './ansi';
import { classifyCodePoint } from './classify';
import { findConfusables } from './confusables';
import { escapeCodePoint, escapeSequence } from './escape-text';
import type { EscapeSegment, SafeSegment, SafeText, SafeTextFlag, SanitizeOptions } from './types';

/** Every flag, in the order `SafeText.flags` lists them. */
export const SAFE_TEXT_FLAGS: readonly SafeTextFlag[] = [
  'bidi',
  'invisible',
  'confusable',
  'ansi',
  'control',
  'newline',
  'whitespace',
];

/** More consecutive spaces than this raise the `whitespace` flag (they can push text out of view). */
export const SPACE_RUN_LIMIT = 3;

// Printable ASCII and LF only: such input needs no homoglyph analysis.
const PLAIN_ASCII = /^[\x20-\x7e\n\t]*$/;

/** Sanitises untrusted text for display: every hidden or deceptive character becomes a visible escape. */
export function sanitize(text: string, options: SanitizeOptions = {}): SafeText {
  const multiline = options.multiline ?? false;
  const chars = Array.from(text);
  const cap = options.maxLength ?? Number.POSITIVE_INFINITY;
  const confusables = PLAIN_ASCII.test(text) ? new Map<number, string>() : findConfusables(chars);
  const builder = new SegmentBuilder();
  let index = 0;
  while (index < chars.length && index < cap) {
    const char = chars[index] ?? '';
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint >= 0x20 && codePoint <= 0x7e) {
      // Printable ASCII is the hot path: nothing to classify, and never a homoglyph.
      builder.text(char, multiline);
      index += 1;
      continue;
    }
    const ansi = matchAnsi(chars, index);
    if (ansi !== null) {
      const sequence = chars.slice(index, index + ansi.length);
      builder.escape(
        { text: escapeSequence(sequence), codePoint, category: 'ansi', label: ansi.label },
        ansi.length,
      );
      index += ansi.length;
      continue;
    }
    const kind = classifyCodePoint(codePoint, char, multiline);
    const confusable = confusables.get(index);
    if (kind !== null) {
      builder.escape({ text: escapeCodePoint(codePoint), codePoint, ...kind }, 1);
    } else if (confusable !== undefined) {
      builder.escape(
        { text: escapeCodePoint(codePoint), codePoint, category: 'confusable', label: confusable },
        1,
      );
    } else {
      builder.text(char, multiline);
    }
    index += 1;
  }
  return builder.finish(chars.length, chars.length - index);
}

type EscapeFields = Omit<EscapeSegment, 'kind' | 'sourceLength'>;

/** Accumulates segments, merging adjacent text and collecting flags. */
class SegmentBuilder {
  private readonly segments: SafeSegment[] = [];
  private readonly flags = new Set<SafeTextFlag>();
  private pending = '';
  private spaceRun = 0;
  private atLineStart = true;

  escape(fields: EscapeFields, sourceLength: number): void {
    this.flush();
    this.segments.push({ kind: 'escape', ...fields, sourceLength });
    this.flags.add(fields.category);
    this.spaceRun = 0;
    this.atLineStart = false;
  }

  text(char: string, multiline: boolean): void {
    this.pending += char;
    if (char === ' ') {
      this.spaceRun += 1;
      // Indentation of pretty-printed JSON is layout, not hiding.
      const indent = multiline && this.atLineStart;
      if (this.spaceRun > SPACE_RUN_LIMIT && !indent) this.flags.add('whitespace');
      return;
    }
    this.spaceRun = 0;
    this.atLineStart = char === '\n';
  }

  finish(length: number, hidden: number): SafeText {
    this.flush();
    const flags = SAFE_TEXT_FLAGS.filter((flag) => this.flags.has(flag));
    return { segments: this.segments, flags, length, hidden } as unknown as SafeText;
  }

  private flush(): void {
    if (this.pending === '') return;
    this.segments.push({ kind: 'text', text: this.pending });
    this.pending = '';
  }
}

/** A plain string for places that cannot show badges (native notifications, logs): escapes spelled out. */
export function safeTextToString(safe: SafeText): string {
  const body = safe.segments.map((segment) => segment.text).join('');
  return safe.hidden > 0 ? `${body} … [${safe.hidden} more characters not shown]` : body;
}
