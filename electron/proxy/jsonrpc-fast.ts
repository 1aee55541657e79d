/**
 * A structural check that recognises the everyday JSON-RPC message shapes without running the SDK's zod
 * schema (a measurable share of the core's CPU per relayed message). It accepts only values the schema
 * accepts unchanged (no key the schema would strip, no value it would coerce), so taking the parsed
 * value as the message means what the schema's output means; anything else returns undefined and the
 * caller runs the schema, which stays the judge of every unusual message. Pure.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): boolean {
  return typeof value === 'string' || Number.isSafeInteger(value);
}

/** Request, notification and result `_meta`: only the progress token is checked here. */
function plainMeta(holder: Plain): boolean {
  if (!('_meta' in holder)) return true;
  const meta = holder._meta;
  if (!isPlain(meta)) return false;
  // The related-task entry is a stripping object in the schema: leave it to the schema.
  if ('io.modelcontextprotocol/related-task' in meta) return false;
  return !('progressToken' in meta) || isId(meta.progressToken);
}

function onlyKeys(value: Plain, allowed: readonly string[]): boolean {
  for (const key in value) if (!allowed.includes(key)) return false;
  return true;
}

const REQUEST = ['jsonrpc', 'id', 'method', 'params'];
const NOTIFICATION = ['jsonrpc', 'method', 'params'];
const RESULT = ['jsonrpc', 'id', 'result'];
const ERROR = ['jsonrpc', 'id', 'error'];
const ERROR_BODY = ['code', 'message', 'data'];

/** The value as a message when it is a plain, schema-valid shape; undefined to let the schema decide. */
export function plainMessage(value: unknown): JSONRPCMessage | undefined {
  if (!isPlain(value) || value.jsonrpc !== '2.0') return undefined;
  if (typeof value.method === 'string') {
    const hasId = 'id' in value;
    if (hasId ? !isId(value.id) || !onlyKeys(value, REQUEST) : !onlyKeys(value, NOTIFICATION)) {
      return undefined;
    }
    if ('params' in value && (!isPlain(value.params) || !plainMeta(value.params))) return undefined;
    return value as JSONRPCMessage;
  }
  if ('result' in value) {
    if (!isId(value.id) || !onlyKeys(value, RESULT)) return undefined;
    return isPlain(value.result) && plainMeta(value.result) ? (value as JSONRPCMessage) : undefined;
  }
  if ('error' in value) {
    if (('id' in value && !isId(value.id)) || !onlyKeys(value, ERROR)) return undefined;
    const error = value.error;
    if (!isPlain(error) || !onlyKeys(error, ERROR_BODY)) return undefined;
    return Number.isSafeInteger(error.code) && typeof error.message === 'string'
      ? (value as JSONRPCMessage)
      : undefined;
  }
  return undefined;
}
