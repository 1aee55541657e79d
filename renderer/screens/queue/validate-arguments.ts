/**
 * Checks edited tool arguments before they can be approved: valid JSON, an object, and consistent with
 * the tool's input schema where it is simple enough to check here (required keys, property types, enums,
 * no extra keys when the schema forbids them). The core re-validates; this gives inline errors.
 */
import { isJsonObject, type Json, type JsonObject } from '../../../shared/json';

/** The outcome of checking an edit. */
export type ArgumentsCheck =
  | { readonly ok: true; readonly value: JsonObject }
  | { readonly ok: false; readonly errors: readonly string[] };

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: Json, expected: unknown): boolean {
  const types = Array.isArray(expected) ? expected : [expected];
  const actual = typeOf(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function schemaErrors(value: JsonObject, schema: JsonObject): string[] {
  const errors: string[] = [];
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const key of required) {
    if (typeof key === 'string' && !(key in value)) errors.push(`"${key}" is required.`);
  }
  for (const [key, entry] of Object.entries(value)) {
    const property = properties[key];
    if (property === undefined) {
      if (schema.additionalProperties === false) errors.push(`"${key}" is not an argument of this tool.`);
      continue;
    }
    if (!isJsonObject(property)) continue;
    if (property.type !== undefined && !matchesType(entry, property.type)) {
      errors.push(`"${key}" must be ${JSON.stringify(property.type)}, not ${typeOf(entry)}.`);
    }
    if (
      Array.isArray(property.enum) &&
      !property.enum.some((option) => JSON.stringify(option) === JSON.stringify(entry))
    ) {
      errors.push(`"${key}" must be one of ${JSON.stringify(property.enum)}.`);
    }
  }
  return errors;
}

/** Parses and checks an edited arguments text. */
export function checkArguments(text: string, inputSchema: JsonObject | null): ArgumentsCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`Not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`],
    };
  }
  if (!isJsonObject(parsed)) return { ok: false, errors: ['Arguments must be a JSON object ({ … }).'] };
  const errors = inputSchema === null ? [] : schemaErrors(parsed, inputSchema);
  return errors.length === 0 ? { ok: true, value: parsed } : { ok: false, errors };
}
