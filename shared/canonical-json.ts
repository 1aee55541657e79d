/**
 * Canonical JSON in the style of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace,
 * numbers in ECMAScript shortest round-trip form, strings escaped as `JSON.stringify` does. Two values that
 * mean the same JSON give the same bytes, so a digest of them binds what was shown to what runs.
 */

/** Thrown for anything that is not plain JSON (undefined, NaN, bigint, class instances, cycles). */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

/** How strict serialisation is. */
export interface CanonicalJsonOptions {
  /** Drop object members whose value is `undefined`, as `JSON.stringify` does, instead of refusing them. */
  readonly omitUndefined?: boolean;
}

/** Serialises a JSON value canonically; throws `CanonicalJsonError` on anything that is not plain JSON. */
export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  const state: Walk = { seen: new Set(), path: [], omitUndefined: options.omitUndefined === true };
  return write(value, state);
}

/** Walk state; the path is kept as pieces and joined only for an error (this runs on history's hot path). */
interface Walk {
  readonly seen: Set<object>;
  readonly path: (string | number)[];
  readonly omitUndefined: boolean;
}

function fail(state: Walk, message: string): never {
  const path = state.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  throw new CanonicalJsonError(`$${path}: ${message}`);
}

function write(value: unknown, state: Walk): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) fail(state, `${String(value)} is not a JSON number`);
      // JSON.stringify gives the shortest round-trip form and turns -0 into 0, as RFC 8785 requires.
      return JSON.stringify(value);
    case 'object':
      return writeContainer(value, state);
    default:
      return fail(state, `a ${typeof value} is not JSON`);
  }
}

function writeContainer(value: object, state: Walk): string {
  if (state.seen.has(value)) fail(state, 'cyclic structure');
  state.seen.add(value);
  try {
    if (Array.isArray(value)) {
      let text = '[';
      for (let i = 0; i < value.length; i += 1) {
        state.path.push(i);
        text += (i === 0 ? '' : ',') + write(value[i], state);
        state.path.pop();
      }
      return `${text}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) fail(state, 'only plain objects are JSON');
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly RFC 8785's key order.
    const keys = Object.keys(record).sort();
    let text = '{';
    for (const key of keys) {
      const member = record[key];
      if (member === undefined && state.omitUndefined) continue;
      state.path.push(key);
      text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${write(member, state)}`;
      state.path.pop();
    }
    return `${text}}`;
  } finally {
    state.seen.delete(value);
  }
}
