/**
 * Detects characters that make text display differently from what runs: C0/C1 controls, DEL, bidi
 * overrides (Trojan Source), zero-width and other invisible format characters, and Unicode tag
 * characters (ASCII smuggling). Any hit sends the call to a human; the UI makes them visible.
 */

/** Kinds of unsafe characters found in a text. */
export type UnsafeCharKind = 'control' | 'bidi' | 'invisible' | 'tag';

/** Where an unsafe character sits, for explanations. */
export interface UnsafeCharHit {
  readonly kind: UnsafeCharKind;
  readonly index: number;
  /** The code point as `U+XXXX`. */
  readonly codePoint: string;
}

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// Zero-width, word joiner, BOM, soft hyphen, invisible math operators, Hangul fillers, and the rest of Cf.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF\u3164\uFFA0\u115F\u1160]|\p{Cf}/u;
const TAG = /[\u{E0000}-\u{E007F}]/u;
// Fast path: printable ASCII plus tab and newline is always safe.
const PLAIN = /^[\x20-\x7E\t\n]*$/;

/**
 * Scans `text`. `allowCarriageReturn` is for free-form arguments; in commands and keystrokes a bare CR
 * can hide what follows it on a terminal, so it counts as a control character there.
 */
export function findUnsafeChars(text: string, allowCarriageReturn = false, limit = 20): UnsafeCharHit[] {
  if (PLAIN.test(text)) return [];
  const hits: UnsafeCharHit[] = [];
  let index = 0;
  for (const ch of text) {
    const kind = classify(ch, allowCarriageReturn);
    if (kind) {
      hits.push({
        kind,
        index,
        codePoint: `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
      });
      if (hits.length >= limit) break;
    }
    index += ch.length;
  }
  return hits;
}

/** A one-line summary of hits, e.g. `bidi U+202E at 4, control U+001B at 9`. */
export function describeUnsafeChars(hits: readonly UnsafeCharHit[]): string {
  return hits
    .slice(0, 5)
    .map((h) => `${h.kind} ${h.codePoint} at ${h.index}`)
    .join(', ');
}

function classify(ch: string, allowCr: boolean): UnsafeCharKind | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x09 || cp === 0x0a || (allowCr && cp === 0x0d)) return null;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) return 'control';
  if (cp < 0x80) return null;
  if (BIDI.test(ch)) return 'bidi';
  if (TAG.test(ch)) return 'tag';
  if (INVISIBLE.test(ch)) return 'invisible';
  return null;
}
