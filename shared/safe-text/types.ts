/**
 * The display contract for attacker-influenced text. Display code takes `SafeText` only, never a raw
 * string: the brand can be produced by `sanitize` (or `reviveSafeText` at a transport boundary) alone.
 */

/** A reason the operator should look twice at a text; the UI shows a banner per flag. */
export type SafeTextFlag =
  /** C0/C1 control characters or DEL (other than newlines and tabs). */
  | 'control'
  /** A terminal escape sequence (CSI, OSC, DCS …), shown whole and never interpreted. */
  | 'ansi'
  /** Bidirectional formatting characters (Trojan Source). */
  | 'bidi'
  /** Zero-width, format, tag, variation-selector or unassigned characters. */
  | 'invisible'
  /** Characters that look like ASCII but are not (homoglyphs, fullwidth forms, mixed-script words). */
  | 'confusable'
  /** Line breaks (LF, CR, U+2028/2029), which separate shell commands. */
  | 'newline'
  /** Runs of more than three spaces, or tabs, that can push text out of view. */
  | 'whitespace';

/** What kind of character an escape segment stands for. */
export type EscapeCategory = SafeTextFlag;

/** Literal text, safe to render as-is in a monospace `pre-wrap` block. */
export interface TextSegment {
  readonly kind: 'text';
  readonly text: string;
}

/** A character (or a whole escape sequence) replaced by a visible, printable-ASCII token. */
export interface EscapeSegment {
  readonly kind: 'escape';
  /** The visible form, printable ASCII only: `\x1b[31m`, `\u202e`, `\n`, `\u{e0041}` … */
  readonly text: string;
  /** The first code point replaced (ESC for a whole sequence). */
  readonly codePoint: number;
  readonly category: EscapeCategory;
  /** A short human description for a tooltip, e.g. `RIGHT-TO-LEFT OVERRIDE` or `looks like "a" (Cyrillic)`. */
  readonly label: string;
  /** How many code points of the input this segment stands for. */
  readonly sourceLength: number;
}

/** One piece of sanitised text. */
export type SafeSegment = TextSegment | EscapeSegment;

declare const safeTextBrand: unique symbol;

/** Sanitised text: the only thing display code may render. Plain serialisable data (the brand is type-only). */
export interface SafeText {
  readonly segments: readonly SafeSegment[];
  /** Distinct flags raised, in a stable order. */
  readonly flags: readonly SafeTextFlag[];
  /** Length of the whole original input, in code points. */
  readonly length: number;
  /** Code points of the input not represented in `segments` because a display cap applied (0 = none). */
  readonly hidden: number;
  readonly [safeTextBrand]: true;
}

/** Options for `sanitize`. */
export interface SanitizeOptions {
  /**
   * Cap on the input code points represented; the rest is counted in `hidden`, never dropped silently.
   * Default: no cap. A segment that straddles the cap is kept whole.
   */
  readonly maxLength?: number;
  /**
   * Keep LF as a real line break (for pretty-printed JSON) instead of a `\n` escape: no `newline` flag, and
   * indentation at a line start is not counted as hidden whitespace. CR, U+2028/2029 are still escaped.
   */
  readonly multiline?: boolean;
}
