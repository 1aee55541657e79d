/**
 * Typed values that are JSON by construction: a record type whose every member is JSON (or absent)
 * converts to a `Json` value without a cast, so the compiler, not a round trip through `JSON.stringify`,
 * proves a structure can be stored and sent.
 */
import type { Json, JsonObject } from './json';

/** A value that serialises to JSON: as `Json`, plus readonly containers and absent (undefined) members. */
export type JsonInput =
  null | boolean | number | string | undefined | readonly JsonInput[] | { readonly [key: string]: JsonInput };

/** An object of {@link JsonInput} members. */
export type JsonInputObject = { readonly [key: string]: JsonInput };

/** Copies a JSON-safe value into plain `Json`, dropping undefined members as `JSON.stringify` does. */
export function toJson(value: JsonInput): Json {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return value;
  if (isArray(value)) return value.map((item) => toJson(item));
  return toJsonObject(value);
}

/** {@link toJson} for an object, keeping the object type. */
export function toJsonObject(value: JsonInputObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) out[key] = toJson(member);
  }
  return out;
}

// `Array.isArray` does not narrow a readonly array out of a union; this guard does.
function isArray(value: readonly JsonInput[] | JsonInputObject): value is readonly JsonInput[] {
  return Array.isArray(value);
}
