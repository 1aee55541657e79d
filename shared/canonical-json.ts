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

/** Serialises a JSON value canonically; throws `CanonicalJsonError` on anything that is not plain JSON. */
export function canonicalJson(value: unknown): string {
  return write(value, new Set(), '$');
}

function write(value: unknown, seen: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new CanonicalJsonError(`${path}: ${String(value)} is not a JSON number`);
      // JSON.stringify gives the shortest round-trip form and turns -0 into 0, as RFC 8785 requires.
      return JSON.stringify(value);
    case 'object':
      return writeContainer(value, seen, path);
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} is not JSON`);
  }
}

function writeContainer(value: object, seen: Set<object>, path: string): string {
  if (seen.has(value)) throw new CanonicalJsonError(`${path}: cyclic structure`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item: unknown, index) => write(item, seen, `${path}[${index}]`)).join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalJsonError(`${path}: only plain objects are JSON`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly RFC 8785's key order.
    const keys = Object.keys(record).sort();
    const members = keys.map((key) => `${JSON.stringify(key)}:${write(record[key], seen, `${path}.${key}`)}`);
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
