/**
 * Validates operator-edited arguments against the tool's JSON Schema input schema, with Ajv (draft-07 when
 * the schema says so, 2020-12 otherwise, as MCP specifies). A schema that cannot be compiled refuses the
 * edit: an edit that cannot be checked is not forwarded.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

import type { JsonObject } from '../../shared/json';

/** The edit is valid, or why not (one line per problem). */
export type ArgumentCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

const OLD_DRAFTS = /json-schema\.org\/draft-0[67]\/schema/;

function describe(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 10)
    .map(
      (error) =>
        `${error.instancePath === '' ? '(arguments)' : error.instancePath} ${error.message ?? 'is invalid'}`,
    )
    .join('; ');
}

const OPTIONS = { allErrors: true, strict: false, validateFormats: false } as const;
type AnyAjv = Ajv | Ajv2020;
let shared: { draft07: AnyAjv; draft2020: AnyAjv } | null = null;

function instanceFor(schema: JsonObject): AnyAjv {
  const old = typeof schema.$schema === 'string' && OLD_DRAFTS.test(schema.$schema);
  // Schemas with their own `$id` would collide in a shared instance's cache: give them a fresh one.
  if (JSON.stringify(schema).includes('"$id"')) return old ? new Ajv(OPTIONS) : new Ajv2020(OPTIONS);
  shared ??= { draft07: new Ajv(OPTIONS), draft2020: new Ajv2020(OPTIONS) };
  return old ? shared.draft07 : shared.draft2020;
}

/** Checks `args` against `schema`; never throws. */
export function validateArguments(schema: JsonObject, args: JsonObject): ArgumentCheck {
  const ajv = instanceFor(schema);
  try {
    const validate = ajv.compile(schema);
    if (validate(args)) return { ok: true };
    return {
      ok: false,
      message: `Edited arguments do not match the tool's input schema: ${describe(validate.errors ?? [])}`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    return { ok: false, message: `The tool's input schema cannot be used to check the edit (${reason})` };
  } finally {
    // Ajv caches every compiled schema object; a long-running core must not keep them all.
    ajv.removeSchema(schema);
  }
}
