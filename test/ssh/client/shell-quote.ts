/** Quotes one word for a POSIX shell: `'…'` with embedded quotes spliced as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
