/** Three-valued logic: the truth tables every condition relies on. */
import { describe, expect, it } from 'vitest';
import { andTri, everyTri, notTri, orTri, someTri } from '../../shared/policy/kleene';
import type { Tri } from '../../shared/policy/predicate';

const VALUES: readonly Tri[] = [true, null, false];
const same = (v: Tri): Tri => v;

describe('Kleene logic', () => {
  it('AND: false dominates, then unknown', () => {
    const table = VALUES.map((a) => VALUES.map((b) => andTri(a, b)));
    expect(table).toEqual([
      [true, null, false],
      [null, null, false],
      [false, false, false],
    ]);
  });

  it('OR: true dominates, then unknown', () => {
    const table = VALUES.map((a) => VALUES.map((b) => orTri(a, b)));
    expect(table).toEqual([
      [true, true, true],
      [true, null, null],
      [true, null, false],
    ]);
  });

  it('NOT keeps unknown unknown', () => {
    expect(VALUES.map(notTri)).toEqual([false, null, true]);
  });

  it('every/some over lists agree with folding AND/OR, and stop at the deciding value', () => {
    const lists: Tri[][] = [
      [],
      [true],
      [null],
      [false],
      [true, null],
      [null, false],
      [true, true],
      [false, null],
    ];
    for (const list of lists) {
      expect(everyTri(list, same, undefined)).toBe(list.reduce<Tri>((a, b) => andTri(a, b), true));
      expect(someTri(list, same, undefined)).toBe(list.reduce<Tri>((a, b) => orTri(a, b), false));
    }
    const seen: number[] = [];
    everyTri([true, false, true], (v, _arg, i) => (seen.push(i), v), undefined);
    someTri([false, true, false], (v, _arg, i) => (seen.push(i), v), undefined);
    expect(seen).toEqual([0, 1, 0, 1]);
  });
});
