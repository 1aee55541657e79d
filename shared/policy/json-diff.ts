/**
 * A structural diff of two JSON values, for policy version history and tool-pin changes. Objects are
 * compared key by key; arrays whose items all carry a string `id` are matched by id (so moving one
 * rule does not report every rule as changed), other arrays index by index.
 */
import type { Json } from '../json';
import { isJsonObject } from '../json';

/** One difference at a JSON path. */
export type JsonChange =
  | { readonly kind: 'added'; readonly path: (string | number)[]; readonly after: Json }
  | { readonly kind: 'removed'; readonly path: (string | number)[]; readonly before: Json }
  | {
      readonly kind: 'changed';
      readonly path: (string | number)[];
      readonly before: Json;
      readonly after: Json;
    }
  | {
      readonly kind: 'moved';
      readonly path: (string | number)[];
      readonly from: number;
      readonly to: number;
    };

/** Every difference from `before` to `after`, in a stable order. */
export function jsonDiff(before: Json, after: Json, path: (string | number)[] = []): JsonChange[] {
  if (before === after) return [];
  if (Array.isArray(before) && Array.isArray(after)) return arrayDiff(before, after, path);
  if (isJsonObject(before) && isJsonObject(after)) {
    const out: JsonChange[] = [];
    for (const key of Object.keys(before)) {
      const b = before[key] as Json;
      if (!Object.hasOwn(after, key)) out.push({ kind: 'removed', path: [...path, key], before: b });
      else out.push(...jsonDiff(b, after[key] as Json, [...path, key]));
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key))
        out.push({ kind: 'added', path: [...path, key], after: after[key] as Json });
    }
    return out;
  }
  return [{ kind: 'changed', path, before, after }];
}

function arrayDiff(before: Json[], after: Json[], path: (string | number)[]): JsonChange[] {
  const ids = (items: Json[]): string[] | null => {
    const out = items.map((i) => (isJsonObject(i) && typeof i.id === 'string' ? i.id : null));
    return out.every((x): x is string => x !== null) && new Set(out).size === out.length ? out : null;
  };
  const bIds = ids(before);
  const aIds = ids(after);
  if (!bIds || !aIds) {
    const out: JsonChange[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= after.length) out.push({ kind: 'removed', path: [...path, i], before: before[i] as Json });
      else if (i >= before.length) out.push({ kind: 'added', path: [...path, i], after: after[i] as Json });
      else out.push(...jsonDiff(before[i] as Json, after[i] as Json, [...path, i]));
    }
    return out;
  }
  const out: JsonChange[] = [];
  bIds.forEach((id, i) => {
    const j = aIds.indexOf(id);
    if (j < 0) out.push({ kind: 'removed', path: [...path, i], before: before[i] as Json });
    else {
      if (i !== j) out.push({ kind: 'moved', path: [...path, j], from: i, to: j });
      out.push(...jsonDiff(before[i] as Json, after[j] as Json, [...path, j]));
    }
  });
  aIds.forEach((id, j) => {
    if (!bIds.includes(id)) out.push({ kind: 'added', path: [...path, j], after: after[j] as Json });
  });
  return out;
}
