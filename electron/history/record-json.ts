/**
 * Canonical JSON for history records: the project's one canonical form (`shared/canonical-json.ts`), with
 * `undefined` members dropped (optional columns), so a hash over it identifies a record independent of key
 * order or formatting.
 */
import { canonicalJson as canonical } from '../../shared/canonical-json';

/** A value canonical JSON can encode: JSON data, with `undefined` object members dropped as JSON does. */
export type CanonicalInput =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalInput[]
  | { readonly [key: string]: CanonicalInput | undefined };

/** Serialises a history record canonically; throws on non-finite numbers, which JSON cannot represent. */
export function recordJson(value: CanonicalInput): string {
  return canonical(value, { omitUndefined: true });
}
