import { describe, expect, it } from 'vitest';
import { recordJson } from '../../electron/history/record-json';
import { chainHash, GENESIS_HASH, recordText } from '../../electron/history/hash-chain';
import { callCsvCells, csvCell, csvLine } from '../../electron/history/csv';
import { capText } from '../../electron/history/row-builders';
import { ftsQuery } from '../../electron/history/query-sql';
import { planRetention, type RetentionUnit } from '../../electron/history/retention-plan';
import { parseCsv } from './helpers';

describe('canonical JSON and the record hash', () => {
  it('sorts keys by UTF-16 code units and ignores key order and undefined members', () => {
    expect(recordJson({ b: [1, 'x', null], a: { d: true, c: 1.5 }, e: undefined })).toBe(
      '{"a":{"c":1.5,"d":true},"b":[1,"x",null]}',
    );
    expect(recordJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
    expect(() => recordJson({ n: Number.NaN })).toThrow(/NaN/);
  });

  it('hashes a record over its table and every column, chained to the previous hash', () => {
    const row = { seq: 1, session_id: 's', call_id: 'c', at: 5, tool: 'exec', arguments: '{"command":"ls"}' };
    expect(recordText('calls', row)).toBe(recordJson({ ...row, table: 'calls' }));
    const h = chainHash(GENESIS_HASH, 'calls', row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, 'calls', { ...row, tool: 'exec2' })).not.toBe(h);
    expect(chainHash('f'.repeat(64), 'calls', row)).not.toBe(h);
    expect(() => recordText('events', row as never)).toThrow(/lacks column/);
  });
});

describe('CSV', () => {
  it('quotes separators, quotes and line breaks and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\nthen')).toBe('"say ""hi""\nthen"');
    for (const bad of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx'])
      expect(csvCell(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(parseCsv(csvLine(['=1+1', 'a,"b"', 'c\r\nd']))).toEqual([["'=1+1", 'a,"b"', 'c\r\nd']]);
  });

  it('lays a call out in header order', () => {
    const cells = callCsvCells({
      seq: 3,
      callId: 'c',
      sessionId: 's',
      at: 0,
      tool: 'exec',
      arguments: { command: 'ls' },
      status: 'in-flight',
      decision: null,
      approval: null,
      forwarded: null,
      outcome: null,
      prompts: [],
    });
    expect(cells.slice(0, 6)).toEqual([3, '1970-01-01T00:00:00.000Z', 's', 'c', 'exec', 'in-flight']);
  });
});

describe('small pure helpers', () => {
  it('caps text on a UTF-8 character boundary', () => {
    expect(capText('hello', 10)).toEqual({ text: 'hello', truncated: false });
    expect(capText('ééé', 5)).toEqual({ text: 'éé', truncated: true });
    expect(capText('a€', 3)).toEqual({ text: 'a', truncated: true });
  });

  it('turns free text into an operator-free FTS5 query', () => {
    expect(ftsQuery('  rm  -rf "x" OR y* ')).toBe('{tool arguments output} : ("rm" "-rf" """x""" "OR" "y"*)');
    expect(() => ftsQuery('   ')).toThrow(/empty/);
    expect(() => ftsQuery(' ** ')).toThrow(/empty/);
  });
});

describe('retention planning', () => {
  const day = 86_400_000;
  const now = 100 * day;
  const unit = (
    key: string,
    firstSeq: number,
    lastSeq: number,
    ageDays: number,
    ended = true,
  ): RetentionUnit => ({
    key,
    firstSeq,
    lastSeq,
    lastAt: now - ageDays * day,
    ended,
  });
  const state = (units: RetentionUnit[], usedBytes = 1000) => ({
    units,
    previousCut: 0,
    headSeq: 100,
    usedBytes,
    now,
  });

  it('cuts the old prefix but never splits a session or passes an open one', () => {
    const units = [
      unit('a', 1, 10, 40),
      unit('b', 5, 20, 35),
      unit('c', 21, 30, 31),
      unit('d', 31, 60, 1),
      unit('e', 61, 100, 50),
    ];
    expect(planRetention({ maxAgeDays: 30 }, state(units))).toEqual({
      cutSeq: 30,
      removedUnits: ['a', 'b', 'c'],
    });
    // b straddles past a: a alone cannot be cut.
    expect(planRetention({ maxAgeDays: 37 }, state(units))).toEqual({ cutSeq: null, removedUnits: [] });
    const open = [unit('a', 1, 10, 40, false), unit('b', 11, 20, 40)];
    expect(planRetention({ maxAgeDays: 30 }, state(open)).cutSeq).toBeNull();
  });

  it('removes the oldest ended sessions until the size fits', () => {
    const units = [
      unit('a', 1, 25, 1),
      unit('b', 26, 50, 1),
      unit('c', 51, 75, 1),
      unit('d', 76, 100, 1, false),
    ];
    // 100 records in 2 MB; 1 MB allowed: about half the records must go.
    expect(planRetention({ maxMegabytes: 1 }, state(units, 2 * 1024 * 1024))).toEqual({
      cutSeq: 50,
      removedUnits: ['a', 'b'],
    });
    expect(planRetention({ maxMegabytes: 5 }, state(units, 2 * 1024 * 1024)).cutSeq).toBeNull();
    expect(() => planRetention({ maxAgeDays: -1 }, state(units))).toThrow(/positive/);
  });
});
