/** Visible, printable-ASCII spellings of code points, as used in escape segments. */

const NAMED: ReadonlyMap<number, string> = new Map([
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
]);

/** True for printable ASCII (space through tilde), the only characters escape text is made of. */
export function isPrintableAscii(codePoint: number): boolean {
  return codePoint >= 0x20 && codePoint <= 0x7e;
}

/** `\n`, `\x1b`, `\u202e` or `\u{e0041}`: a visible spelling of one code point. */
export function escapeCodePoint(codePoint: number): string {
  const named = NAMED.get(codePoint);
  if (named !== undefined) return named;
  const hex = codePoint.toString(16);
  if (codePoint < 0x100) return `\\x${hex.padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\u{${hex}}`;
}

/** Spells a whole escape sequence: printable ASCII kept, everything else escaped. */
export function escapeSequence(chars: readonly string[]): string {
  return chars
    .map((char) => {
      const codePoint = char.codePointAt(0) ?? 0;
      return isPrintableAscii(codePoint) ? char : escapeCodePoint(codePoint);
    })
    .join('');
}

/** `U+202E`: the conventional name of a code point. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
