/**
 * The by-text analysis cache: decisions are the same with and without it (bypass corpus, repeated and
 * interleaved), it stays within its limits, evicts the least recently used entry, hands out frozen
 * analyses, and never keeps the result of a parser failure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import {
  NO_ANALYSIS_CACHE,
  createAnalysisCache,
  deepFreeze,
} from '../../electron/policy/command/analysis-cache';
import { createAnalyzer, loadBashParser } from '../../electron/policy/command/analyzer';
import { createCounterStore } from '../../electron/policy/counter-store';
import { createPolicyGate, type PolicyGate } from '../../electron/policy/gate';
import { createPinStore } from '../../electron/policy/pin-store';
import { openPolicyDatabase } from '../../electron/policy/policy-db';
import { DEFAULT_POLICY } from '../../shared/policy/default-policy';
import type { CommandAnalysis } from '../../shared/policy/fields';
import { CORPUS } from './bypass-cases';
import { compiled, runCommand } from './helpers';

let parser: Parser;

beforeAll(async () => {
  parser = await loadBashParser();
});

const analysis = (note: string): CommandAnalysis => ({
  ok: true,
  commands: [],
  writes: [],
  flags: [],
  notes: [note],
});

function gateWith(cacheOn: boolean): PolicyGate {
  const db = openPolicyDatabase(':memory:');
  const policy = compiled({
    version: 'airlock/1',
    default: 'allow',
    rules: (DEFAULT_POLICY.rules ?? []).filter((r) => r.action === 'deny'),
  });
  return createPolicyGate({
    store: { active: () => policy },
    counters: createCounterStore(db),
    pins: createPinStore(db),
    analyzer: createAnalyzer(parser, cacheOn ? {} : { cache: NO_ANALYSIS_CACHE }),
    clock: () => Date.UTC(2026, 0, 1),
  });
}

describe('analysis cache', () => {
  it('gives the same decisions as no cache, on first sight and on repeats', () => {
    const cached = gateWith(true);
    const uncached = gateWith(false);
    const commands = [
      ...Object.values(CORPUS).flatMap((cases) => cases.map((c) => c[0])),
      'ls -la /tmp',
      'df -h && uptime',
      'rm -rf /tmp/build',
    ];
    for (let round = 0; round < 3; round++) {
      for (const command of round === 1 ? [...commands].reverse() : commands) {
        const a = cached.decide(runCommand(command));
        const b = uncached.decide(runCommand(command));
        expect({ action: a.action, rule: a.rule, reason: a.reason, fields: a.fields }, command).toEqual({
          action: b.action,
          rule: b.rule,
          reason: b.reason,
          fields: b.fields,
        });
      }
    }
  });

  it('keeps an analysis from the second sight of its text, frozen', () => {
    const analyzer = createAnalyzer(parser);
    const once = analyzer.analyze('ls -la | grep x');
    // A one-off command is neither kept nor frozen.
    expect(Object.isFrozen(once)).toBe(false);
    const first = analyzer.analyze('ls -la | grep x');
    expect(first).not.toBe(once);
    expect(first).toEqual(once);
    expect(analyzer.analyze('ls -la | grep x')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.commands[0]?.args[0])).toBe(true);
    expect(() => (first.flags as string[]).push('eval')).toThrow();
    expect(analyzer.analyze('ls -la | grep y')).not.toBe(first);
  });

  it('does not cache a result produced by a parser failure', () => {
    let calls = 0;
    const failing = {
      parse() {
        calls++;
        throw new Error('out of memory');
      },
    } as unknown as Parser;
    const analyzer = createAnalyzer(failing);
    expect(analyzer.analyze('ls').flags).toContain('parse_error');
    expect(analyzer.analyze('ls').flags).toContain('parse_error');
    expect(calls).toBe(2);
  });

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = createAnalysisCache({ maxEntries: 3, maxTotalChars: 1000, maxEntryChars: 100 });
    for (const t of ['a', 'b', 'c']) cache.set(t, analysis(t));
    expect(cache.get('a')?.notes).toEqual(['a']); // a is now the most recent
    cache.set('d', analysis('d'));
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((t) => cache.get(t)?.notes[0])).toEqual(['a', 'c', 'd']);
    for (let i = 0; i < 1000; i++) cache.set(`cmd ${i}`, analysis(String(i)));
    expect(cache.size).toBe(3);
  });

  it('keeps the total text length and each entry within bounds', () => {
    const cache = createAnalysisCache({ maxEntries: 100, maxTotalChars: 10, maxEntryChars: 6 });
    cache.set('aaaa', analysis('1'));
    cache.set('bbbb', analysis('2'));
    cache.set('cccc', analysis('3'));
    expect(cache.totalChars).toBeLessThanOrEqual(10);
    expect(cache.get('aaaa')).toBeUndefined();
    const long = analysis('long');
    expect(cache.set('x'.repeat(7), long)).toBe(long);
    expect(cache.get('x'.repeat(7))).toBeUndefined();
    expect(Object.isFrozen(long)).toBe(false);
    cache.set('bbbb', analysis('2 again'));
    expect(cache.totalChars).toBe(8);
    expect(cache.size).toBe(2);
  });

  it('remembers at most maxEntries one-off texts for admission', () => {
    const cache = createAnalysisCache({
      maxEntries: 2,
      maxTotalChars: 1000,
      maxEntryChars: 100,
      admitOnSecondSight: true,
    });
    const a = analysis('a');
    expect(cache.set('a', a)).toBe(a);
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', analysis('b'));
    cache.set('c', analysis('c')); // forgets that 'a' was seen
    cache.set('a', analysis('a'));
    expect(cache.get('a')).toBeUndefined();
    cache.set('c', analysis('c again'));
    expect(cache.get('c')?.notes).toEqual(['c again']);
    expect(cache.size).toBe(1);
  });

  it('does nothing when turned off', () => {
    const cache = createAnalysisCache(NO_ANALYSIS_CACHE);
    cache.set('ls', analysis('ls'));
    expect(cache.size).toBe(0);
    expect(cache.get('ls')).toBeUndefined();
  });

  it('deep-freezes nested arrays and objects', () => {
    const value = deepFreeze({ a: [{ b: 1 }], c: { d: [2] } });
    expect(Object.isFrozen(value.a[0])).toBe(true);
    expect(Object.isFrozen(value.c.d)).toBe(true);
  });
});
