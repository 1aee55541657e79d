import { describe, expect, it } from 'vitest';

import { reviveSafeText, safeTextToString, sanitize } from '../../shared/safe-text';
import { corpus } from './corpus';

describe('sanitize corpus', () => {
  it('has at least 40 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus)('$name', ({ input, shown, flags }) => {
    const safe = sanitize(input);
    expect(safeTextToString(safe)).toBe(shown);
    expect(safe.flags).toEqual(flags);
    expect(safe.length).toBe(Array.from(input).length);
    expect(safe.hidden).toBe(0);
  });

  it.each(corpus)('escape text is printable ASCII: $name', ({ input }) => {
    for (const segment of sanitize(input).segments) {
      if (segment.kind === 'escape') {
        expect(segment.text).toMatch(/^[\x20-\x7e]+$/);
        expect(segment.label).toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });

  it.each(corpus)('survives a JSON round trip through reviveSafeText: $name', ({ input }) => {
    const safe = sanitize(input);
    expect(reviveSafeText(JSON.parse(JSON.stringify(safe)))).toEqual(safe);
  });
});

describe('sanitize segments', () => {
  it('shows a whole CSI sequence as one escape segment, never interpreted', () => {
    const safe = sanitize('a\x1b[2Jb');
    expect(safe.segments).toEqual([
      { kind: 'text', text: 'a' },
      {
        kind: 'escape',
        text: '\\x1b[2J',
        codePoint: 0x1b,
        category: 'ansi',
        label: 'CSI erase display',
        sourceLength: 4,
      },
      { kind: 'text', text: 'b' },
    ]);
  });

  it('labels a homoglyph with the letter it imitates', () => {
    const escape = sanitize('pаypal').segments.find((segment) => segment.kind === 'escape');
    expect(escape).toMatchObject({ codePoint: 0x430, category: 'confusable' });
    expect(escape?.label).toContain('looks like "a"');
  });

  it('names the ASCII letter a tag character hides', () => {
    const escape = sanitize('\u{E0041}').segments[0];
    expect(escape).toMatchObject({ kind: 'escape', category: 'invisible', codePoint: 0xe0041 });
    expect(escape?.kind === 'escape' ? escape.label : '').toContain('"A"');
  });

  it('merges adjacent plain text into one segment', () => {
    expect(sanitize('hello world').segments).toEqual([{ kind: 'text', text: 'hello world' }]);
  });
});

describe('long input', () => {
  const long = `echo start${'x'.repeat(200_000)}\u202Eend`;

  it('is never truncated by default', () => {
    const safe = sanitize(long);
    expect(safe.hidden).toBe(0);
    expect(safeTextToString(safe)).toBe(`echo start${'x'.repeat(200_000)}\\u202eend`);
    expect(safe.flags).toEqual(['bidi']);
  });

  it('says how much a display cap hides', () => {
    const safe = sanitize(long, { maxLength: 100 });
    expect(safe.length).toBe(Array.from(long).length);
    expect(safe.hidden).toBe(Array.from(long).length - 100);
    expect(safeTextToString(safe)).toBe(
      `echo start${'x'.repeat(90)} … [${safe.hidden} more characters not shown]`,
    );
  });

  it('keeps a sequence that straddles the cap whole', () => {
    const safe = sanitize('ab\x1b[31mcd', { maxLength: 3 });
    expect(safeTextToString(safe)).toBe('ab\\x1b[31m … [2 more characters not shown]');
  });

  it('counts astral characters as one', () => {
    const safe = sanitize('😀😀😀', { maxLength: 2 });
    expect(safe.length).toBe(3);
    expect(safe.hidden).toBe(1);
    expect(safeTextToString(safe)).toBe('😀😀 … [1 more characters not shown]');
  });
});

describe('multiline mode (pretty-printed JSON)', () => {
  it('keeps LF and indentation as layout, but still escapes CR and hidden characters', () => {
    const json = JSON.stringify({ command: 'ls\r\u200B', nested: { deep: [1, 2] } }, null, 2);
    const safe = sanitize(json, { multiline: true });
    expect(safe.flags).toEqual(['invisible']);
    expect(safeTextToString(safe)).toContain('\n    "deep": [');
    // JSON.stringify already escaped the CR; the zero-width space it leaves raw is made visible here.
    expect(safeTextToString(safe)).toContain('"ls\\r\\u200b"');
  });

  it('still flags long space runs inside a line', () => {
    expect(sanitize('{\n  "a": "x      y"\n}', { multiline: true }).flags).toEqual(['whitespace']);
  });
});

describe('reviveSafeText', () => {
  it('rejects a text segment smuggling a bidi control', () => {
    const forged = { segments: [{ kind: 'text', text: 'a\u202Eb' }], flags: [], length: 3, hidden: 0 };
    expect(reviveSafeText(forged)).toBeNull();
  });

  it('rejects non-ASCII escape text and unknown flags', () => {
    const escape = {
      kind: 'escape',
      text: '\u202E',
      codePoint: 0x202e,
      category: 'bidi',
      label: 'x',
      sourceLength: 1,
    };
    expect(reviveSafeText({ segments: [escape], flags: ['bidi'], length: 1, hidden: 0 })).toBeNull();
    expect(reviveSafeText({ segments: [], flags: ['evil'], length: 0, hidden: 0 })).toBeNull();
    expect(reviveSafeText('plain string')).toBeNull();
  });
});
