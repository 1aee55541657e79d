/**
 * Context-free classification of one code point: controls, line breaks, bidi and invisible characters,
 * and look-alike spaces. Letters that only deceive in context (homoglyphs) are handled in `confusables`.
 */
import { codePointName } from './escape-text';
import type { EscapeCategory } from './types';

/** Why a code point is shown as an escape, or null when it can be rendered as-is. */
export interface Classification {
  readonly category: EscapeCategory;
  readonly label: string;
}

const CONTROL_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'NUL'],
  [0x07, 'BELL'],
  [0x08, 'BACKSPACE (can overwrite the previous character in a terminal)'],
  [0x0b, 'VERTICAL TAB'],
  [0x0c, 'FORM FEED'],
  [0x0d, 'CARRIAGE RETURN (can overwrite the line in a terminal)'],
  [0x1b, 'ESCAPE'],
  [0x7f, 'DELETE'],
  [0x85, 'NEXT LINE'],
  [0x9b, 'CONTROL SEQUENCE INTRODUCER'],
]);

const BIDI_NAMES: ReadonlyMap<number, string> = new Map([
  [0x061c, 'ARABIC LETTER MARK'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
]);

const INVISIBLE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00ad, 'SOFT HYPHEN'],
  [0x034f, 'COMBINING GRAPHEME JOINER'],
  [0x115f, 'HANGUL CHOSEONG FILLER'],
  [0x1160, 'HANGUL JUNGSEONG FILLER'],
  [0x17b4, 'KHMER VOWEL INHERENT AQ'],
  [0x17b5, 'KHMER VOWEL INHERENT AA'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x2060, 'WORD JOINER'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0x2800, 'BRAILLE PATTERN BLANK'],
  [0x3164, 'HANGUL FILLER'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (BOM)'],
  [0xffa0, 'HALFWIDTH HANGUL FILLER'],
]);

const FORMAT = /^\p{Cf}$/u;
const UNASSIGNED = /^\p{Cn}$/u;
const SURROGATE = /^\p{Cs}$/u;
const SPACE_SEPARATOR = /^\p{Zs}$/u;

function isVariationSelector(codePoint: number): boolean {
  return (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);
}

function isTag(codePoint: number): boolean {
  return codePoint >= 0xe0000 && codePoint <= 0xe007f;
}

function tagLabel(codePoint: number): string {
  const ascii = codePoint - 0xe0000;
  // Tag characters smuggle ASCII to the model ("ASCII smuggling"): say which letter is hidden.
  return ascii >= 0x20 && ascii <= 0x7e
    ? `TAG CHARACTER hiding "${String.fromCodePoint(ascii)}"`
    : `TAG CHARACTER ${codePointName(codePoint)}`;
}

/**
 * Classifies one code point (`char` is its string form). Printable ASCII and ordinary letters of any
 * script return null. With `multiline`, LF is ordinary text.
 */
export function classifyCodePoint(
  codePoint: number,
  char: string,
  multiline: boolean,
): Classification | null {
  if (codePoint >= 0x20 && codePoint <= 0x7e) return null;
  if (codePoint === 0x0a) return multiline ? null : { category: 'newline', label: 'LINE FEED' };
  if (codePoint === 0x09) return { category: 'whitespace', label: 'TAB' };
  if (codePoint === 0x2028) return { category: 'newline', label: 'LINE SEPARATOR' };
  if (codePoint === 0x2029) return { category: 'newline', label: 'PARAGRAPH SEPARATOR' };
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) {
    return {
      category: 'control',
      label: CONTROL_NAMES.get(codePoint) ?? `CONTROL ${codePointName(codePoint)}`,
    };
  }
  const bidi = BIDI_NAMES.get(codePoint);
  if (bidi !== undefined) return { category: 'bidi', label: bidi };
  const invisible = INVISIBLE_NAMES.get(codePoint);
  if (invisible !== undefined) return { category: 'invisible', label: invisible };
  if (isTag(codePoint)) return { category: 'invisible', label: tagLabel(codePoint) };
  if (isVariationSelector(codePoint)) return { category: 'invisible', label: 'VARIATION SELECTOR' };
  if (SURROGATE.test(char)) return { category: 'control', label: 'LONE SURROGATE (invalid UTF-16)' };
  if (FORMAT.test(char))
    return { category: 'invisible', label: `FORMAT CHARACTER ${codePointName(codePoint)}` };
  if (UNASSIGNED.test(char))
    return { category: 'invisible', label: `UNASSIGNED ${codePointName(codePoint)}` };
  if (SPACE_SEPARATOR.test(char)) {
    return { category: 'confusable', label: `looks like a space (${codePointName(codePoint)})` };
  }
  return null;
}
