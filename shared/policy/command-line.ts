/** Command lines written as one string, split into words. */

/**
 * Splits a command line written as one string (`npx -y ssh-mcp --host=h`) into words, the way a POSIX
 * shell does for quoting only: `'…'`, `"…"` (with `\"`, `\\`, `\$`, `` \` `` escapes) and `\x` outside
 * quotes. No expansion of any kind. Returns null for an unterminated quote or an empty line.
 */
export function splitCommandLine(text: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return null;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text.charAt(j) !== '"'; j++) {
        const d = text.charAt(j);
        if (d === '\\' && '"\\$`'.includes(text.charAt(j + 1)) && j + 1 < text.length) {
          word += text.charAt(j + 1);
          j++;
        } else word += d;
      }
      if (j >= text.length) return null;
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text.charAt(i + 1);
      inWord = true;
      i++;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words.length > 0 ? words : null;
}
