/**
 * The one hidden-character classifier for decisions: the policy gate, the console and the CLI agree on
 * what counts as hidden because they all ask {@link classifyCodePoint} and {@link findConfusables}, the
 * same functions the sanitiser uses to draw escapes. A hit sends a call to a human.
 */
import { classifyCodePoint } from './classify';
import { findConfusables } from './confusables';
import { codePointName } from './escape-text';
import type { EscapeCategory } from './types';

/** One hidden or deceptive character in a text. */
export interface HiddenCharacter {
  readonly category: EscapeCategory;
  /** UTF-16 offset in the text. */
  readonly index: number;
  /** The code point as `U+XXXX`. */
  readonly codePoint: string;
  readonly label: string;
}

/** What the caller's context treats as ordinary text. */
export interface HiddenCharacterOptions {
  /** LF separates lines (commands, free text) rather than hiding anything. Default true. */
  readonly newlines?: boolean;
  /** Tabs are ordinary (commands); false for keystrokes, where a tab asks the shell to complete. Default true. */
  readonly tabs?: boolean;
  /** A bare CR is ordinary (free-form arguments); in commands it can hide what precedes it. Default false. */
  readonly carriageReturn?: boolean;
  /** Stop after this many hits. Default 20. */
  readonly limit?: number;
}

// Printable ASCII (with tab and LF where they are ordinary): nothing to find.
const PLAIN = /^[\x20-\x7e\t\n]*$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

/** Finds every character the console would flag as hidden, control, bidi or look-alike. */
export function findHiddenCharacters(text: string, options: HiddenCharacterOptions = {}): HiddenCharacter[] {
  const tabs = options.tabs ?? true;
  const newlines = options.newlines ?? true;
  // The policy scans every argument key with tabs and newlines flagged: those need the narrow test.
  if (tabs && newlines ? PLAIN.test(text) : PRINTABLE.test(text)) return [];
  const limit = options.limit ?? 20;
  const chars = Array.from(text);
  const confusables = findConfusables(chars);
  const hits: HiddenCharacter[] = [];
  let index = 0;
  for (let i = 0; i < chars.length && hits.length < limit; i++) {
    const char = chars[i] ?? '';
    const cp = char.codePointAt(0) ?? 0;
    const hit = classifyOne(cp, char, confusables.get(i), options, tabs, newlines);
    if (hit) hits.push({ ...hit, index, codePoint: codePointName(cp) });
    index += char.length;
  }
  return hits;
}

/** A one-line summary of hits, e.g. `RIGHT-TO-LEFT OVERRIDE at 4, ESCAPE at 9`. */
export function describeHiddenCharacters(hits: readonly HiddenCharacter[]): string {
  return hits
    .slice(0, 5)
    .map((h) => `${h.label} (${h.codePoint}) at ${h.index}`)
    .join(', ');
}

function classifyOne(
  cp: number,
  char: string,
  confusable: string | undefined,
  options: HiddenCharacterOptions,
  tabs: boolean,
  newlines: boolean,
): { category: EscapeCategory; label: string } | null {
  if (cp === 0x09) return tabs ? null : { category: 'whitespace', label: 'TAB' };
  if (cp === 0x0a) return newlines ? null : { category: 'newline', label: 'LINE FEED' };
  if (cp === 0x0d && options.carriageReturn) return null;
  const c = classifyCodePoint(cp, char, true);
  if (c) return { category: c.category, label: c.label };
  if (confusable !== undefined) return { category: 'confusable', label: confusable };
  return null;
}
