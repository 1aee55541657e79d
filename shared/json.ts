/** A JSON value as it arrives off the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object as it arrives off the wire. */
export type JsonObject = { [key: string]: Json };

/**
 * Data that crossed a trust boundary (agent arguments, tool descriptions, remote output) and has not been
 * parsed or sanitised yet. The brand keeps it from reaching display code by accident.
 */
export type Untrusted<T> = T & { readonly __untrusted?: never };

/** True for a plain (non-array, non-null) JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws at compile time when a switch over a discriminated union is not exhaustive. */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
