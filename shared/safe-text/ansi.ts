/**
 * Recognises terminal escape sequences (ECMA-48) so they are shown whole — `\x1b[2J` reads as one token,
 * not an ESC followed by innocent-looking text. Nothing is ever interpreted.
 */

/** A recognised sequence: how many code points it spans, and what it would do in a terminal. */
export interface AnsiSequence {
  readonly length: number;
  readonly label: string;
}

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;

const CSI_FINALS: ReadonlyMap<string, string> = new Map([
  ['m', 'colours/styles (SGR)'],
  ['A', 'cursor up'],
  ['B', 'cursor down'],
  ['C', 'cursor forward'],
  ['D', 'cursor back'],
  ['G', 'cursor to column'],
  ['H', 'cursor position'],
  ['f', 'cursor position'],
  ['J', 'erase display'],
  ['K', 'erase line'],
  ['s', 'save cursor'],
  ['u', 'restore cursor'],
  ['h', 'set mode'],
  ['l', 'reset mode'],
]);

const STRING_INTRODUCERS: ReadonlyMap<string, string> = new Map([
  [']', 'OSC (title, hyperlink or clipboard)'],
  ['P', 'DCS (device control string)'],
  ['X', 'SOS (start of string)'],
  ['^', 'PM (privacy message)'],
  ['_', 'APC (application program command)'],
]);

function codeAt(chars: readonly string[], index: number): number {
  return chars[index]?.codePointAt(0) ?? -1;
}

function inRange(code: number, low: number, high: number): boolean {
  return code >= low && code <= high;
}

/** The escape sequence starting at `index`, or null when `chars[index]` starts none (not ESC or C1 CSI). */
export function matchAnsi(chars: readonly string[], index: number): AnsiSequence | null {
  const first = codeAt(chars, index);
  if (first === C1_CSI) return matchCsi(chars, index + 1, index);
  if (first !== ESC) return null;
  const introducer = chars[index + 1] ?? '';
  if (introducer === '[') return matchCsi(chars, index + 2, index);
  const stringKind = STRING_INTRODUCERS.get(introducer);
  if (stringKind !== undefined) return matchString(chars, index, stringKind);
  return matchShort(chars, index);
}

function matchCsi(chars: readonly string[], from: number, start: number): AnsiSequence {
  let cursor = from;
  while (inRange(codeAt(chars, cursor), 0x30, 0x3f)) cursor += 1;
  while (inRange(codeAt(chars, cursor), 0x20, 0x2f)) cursor += 1;
  const final = codeAt(chars, cursor);
  if (inRange(final, 0x40, 0x7e)) {
    const name = CSI_FINALS.get(String.fromCodePoint(final)) ?? 'control sequence';
    return { length: cursor + 1 - start, label: `CSI ${name}` };
  }
  // Unterminated: only the introducer is the sequence; what follows is classified on its own.
  return { length: from - start, label: 'CSI (unterminated)' };
}

function matchString(chars: readonly string[], start: number, kind: string): AnsiSequence {
  let cursor = start + 2;
  while (cursor < chars.length) {
    const code = codeAt(chars, cursor);
    if (code === BEL) return { length: cursor + 1 - start, label: kind };
    if (code === ESC && chars[cursor + 1] === '\\') return { length: cursor + 2 - start, label: kind };
    // Only printable ASCII may hide inside a shown sequence; anything else ends it unterminated.
    if (!inRange(code, 0x20, 0x7e)) break;
    cursor += 1;
  }
  return { length: 2, label: `${kind}, unterminated` };
}

function matchShort(chars: readonly string[], start: number): AnsiSequence {
  let cursor = start + 1;
  while (inRange(codeAt(chars, cursor), 0x20, 0x2f)) cursor += 1;
  if (inRange(codeAt(chars, cursor), 0x30, 0x7e))
    return { length: cursor + 1 - start, label: 'escape sequence' };
  return { length: 1, label: 'ESCAPE' };
}
