/**
 * Three-valued (Kleene) logic over `Tri`: false dominates AND, true dominates OR, and unknown (`null`)
 * survives wherever the known values do not settle the answer. Every condition and command matcher
 * combines its parts through these, so "unknown" is treated one way everywhere.
 */
import type { Tri } from './predicate';

/** Kleene AND of `test` over `items`: false at the first false, else unknown if any was, else true. */
export function everyTri<T, A>(
  items: readonly T[],
  test: (item: T, arg: A, index: number) => Tri,
  arg: A,
): Tri {
  return scan(items, test, arg, false);
}

/** Kleene OR of `test` over `items`: true at the first true, else unknown if any was, else false. */
export function someTri<T, A>(
  items: readonly T[],
  test: (item: T, arg: A, index: number) => Tri,
  arg: A,
): Tri {
  return scan(items, test, arg, true);
}

/** Stops at the first `decisive` value; otherwise unknown if any item was, else the other value. */
function scan<T, A>(
  items: readonly T[],
  test: (item: T, arg: A, index: number) => Tri,
  arg: A,
  decisive: boolean,
): Tri {
  let unknown = false;
  let index = 0;
  for (const item of items) {
    const v = test(item, arg, index++);
    if (v === decisive) return decisive;
    if (v === null) unknown = true;
  }
  return unknown ? null : !decisive;
}

/** Kleene AND of two values. */
export function andTri(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

/** Kleene OR of two values. */
export function orTri(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

/** Kleene NOT: unknown stays unknown. */
export function notTri(v: Tri): Tri {
  return v === null ? null : !v;
}
