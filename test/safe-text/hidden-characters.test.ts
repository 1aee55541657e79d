/**
 * The gate, the console and the CLI agree on hidden characters: for every case of the sanitiser's
 * corpus, the gate's classifier finds a hit exactly when the console would flag the text for anything
 * but layout (runs of spaces, tabs and line feeds, which separate shell words and commands).
 */
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../shared/safe-text';
import { findHiddenCharacters } from '../../shared/safe-text/hidden-characters';
import { corpus } from './corpus';

const LAYOUT = new Set(['whitespace', 'newline']);

describe('one hidden-character classifier', () => {
  it.each(corpus)('agrees with the console: $name', ({ input }) => {
    const consoleFlags = sanitize(input, { multiline: true }).flags.filter((f) => !LAYOUT.has(f));
    // CR and U+2028/2029 are "newline" for the console, and hidden for the gate: they can hide text.
    const hiddenBreak = /[\r\u2028\u2029]/.test(input);
    const hits = findHiddenCharacters(input);
    expect(hits.length > 0).toBe(consoleFlags.length > 0 || hiddenBreak);
  });

  it.each([
    ['U+FE0F variation selector', 'ls\uFE0F'],
    ['U+2028 line separator', 'ls\u2028id'],
    ['U+00A0 no-break space', 'ls\u00A0-la'],
    ['U+2800 braille blank', 'ls \u2800'],
    ['U+034F combining grapheme joiner', 'ls\u034F'],
    ['Cyrillic look-alike in a Latin word', 'ech\u043E hi'],
    ['fullwidth letter', 'cat /etc/p\uFF41sswd'],
  ])('flags %s, as the console does', (_name, text) => {
    expect(findHiddenCharacters(text).length).toBeGreaterThan(0);
    expect(sanitize(text).flags.length).toBeGreaterThan(0);
  });

  it('keeps tabs and line feeds ordinary in commands, and not in keystrokes', () => {
    expect(findHiddenCharacters('ls\t-la\nid')).toEqual([]);
    expect(findHiddenCharacters('ls\t', { tabs: false })).toHaveLength(1);
    expect(findHiddenCharacters('a\rb')).toHaveLength(1);
    expect(findHiddenCharacters('a\rb', { carriageReturn: true })).toEqual([]);
  });

  it('passes printable ASCII at once when tabs and line feeds count as hidden (argument keys), and nothing else', () => {
    const strict = { newlines: false, tabs: false, limit: 1 } as const;
    expect(findHiddenCharacters('command_line ~!@#$%^&*()', strict)).toEqual([]);
    for (const text of ['a\tb', 'a\nb', 'a\rb', 'a\x7fb', 'k\u200b', 'ech\u043e', 'p\uff41th']) {
      expect(findHiddenCharacters(text, strict)).toHaveLength(1);
    }
  });
});
