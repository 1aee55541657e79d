/**
 * Canonical JSON (RFC 8785 style) for hashing: object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings serialised as ECMAScript does. Equal values always give equal bytes, so a hash over
 * this text identifies a record independent of key order or formatting.
 */

/** A value canonical JSON can encode: JSON data, with `undefined` object members dropped as JSON does. */
export type CanonicalInput =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalInput[]
  | { readonly [key: string]: CanonicalInput | undefined };

/** Serialises `value` canonically; throws on non-finite numbers, which JSON cannot represent. */
export function canonicalJson(value: CanonicalInput): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonical JSON cannot encode ${String(value)}`);
    // ECMAScript's number formatting is the one RFC 8785 prescribes.
    return JSON.stringify(value);
  }
  if (isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i === 0 ? '' : ',') + canonicalJson(value[i] ?? null);
    return `${text}]`;
  }
  // Default sort compares UTF-16 code units, as RFC 8785 requires.
  const keys = Object.keys(value).sort();
  let text = '{';
  for (const key of keys) {
    const member = value[key];
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

function isArray(value: CanonicalInput): value is readonly CanonicalInput[] {
  return Array.isArray(value);
}
