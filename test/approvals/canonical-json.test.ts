import { describe, expect, it } from 'vitest';

import { canonicalJson, CanonicalJsonError } from '../../shared/canonical-json';
import { digestArguments } from '../../electron/approvals/digest';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    // U+20AC sorts before U+1F600 (a surrogate pair starting 0xD83D) and after "a".
    expect(canonicalJson({ '😀': 1, '€': 2, a: 3 })).toBe('{"a":3,"€":2,"😀":1}');
  });

  it('formats numbers in shortest round-trip form', () => {
    expect(canonicalJson([1.0, -0, 1e21, 1e-7, 0.1 + 0.2, 100])).toBe(
      '[1,0,1e+21,1e-7,0.30000000000000004,100]',
    );
  });

  it('escapes strings as JSON.stringify does, keeping non-ASCII as-is', () => {
    expect(canonicalJson({ s: 'a"\\\n\u0001é\u202e' })).toBe('{"s":"a\\"\\\\\\n\\u0001é\u202e"}');
  });

  it('keeps an own __proto__ key as data', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":1}');
  });

  it('refuses what is not plain JSON', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(Number.NaN)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(Infinity)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(10n)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(new Date(0))).toThrow(CanonicalJsonError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
  });

  it('accepts a shared (non-cyclic) subtree', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('digestArguments', () => {
  it('is the SHA-256 of the canonical form, independent of key order', () => {
    const digest = digestArguments({ command: 'ls', host: 'a' });
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digestArguments({ host: 'a', command: 'ls' })).toBe(digest);
    expect(digestArguments({ host: 'a', command: 'ls ' })).not.toBe(digest);
    // Known vector: sha256('{}').
    expect(digestArguments({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});
