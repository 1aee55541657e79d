/**
 * JSON-RPC 2.0 framing for MCP over newline-delimited streams: parsing one line into a validated message
 * (or a precise error), and building error responses. Pure; no I/O.
 */
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { plainMessage } from './jsonrpc-fast';

/** A JSON-RPC request id. */
export type RequestId = string | number;

/** Standard and MCP error codes used by the proxy. */
export const RpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** SDK's ConnectionClosed: the peer or the upstream went away. */
  ConnectionClosed: -32000,
  /** Airlock's code for "the core or the upstream is unavailable": fail closed. */
  Unavailable: -32003,
} as const;

/** A message as classified after validation. */
export type ClassifiedMessage =
  | {
      readonly kind: 'request';
      readonly id: RequestId;
      readonly method: string;
      readonly params: Record<string, unknown> | undefined;
    }
  | {
      readonly kind: 'notification';
      readonly method: string;
      readonly params: Record<string, unknown> | undefined;
    }
  | { readonly kind: 'result'; readonly id: RequestId; readonly result: Record<string, unknown> }
  | {
      readonly kind: 'error';
      readonly id: RequestId | undefined;
      readonly error: { code: number; message: string; data?: unknown };
    };

/** The outcome of parsing one line off the wire. */
export type ParsedLine =
  | { readonly ok: true; readonly message: JSONRPCMessage; readonly classified: ClassifiedMessage }
  | { readonly ok: false; readonly id: RequestId | null; readonly code: number; readonly reason: string };

/** Parses and validates one newline-delimited JSON-RPC message. Never throws. */
export function parseLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return {
      ok: false,
      id: null,
      code: RpcErrorCode.ParseError,
      reason: `Parse error: ${(error as Error).message}`,
    };
  }
  if (Array.isArray(value)) {
    return {
      ok: false,
      id: null,
      code: RpcErrorCode.InvalidRequest,
      reason: 'Invalid Request: JSON-RPC batches are not supported by MCP (removed in protocol 2025-06-18)',
    };
  }
  // The everyday shapes skip the schema; it still judges everything else (see jsonrpc-fast.ts).
  const plain = plainMessage(value);
  if (plain !== undefined) return { ok: true, message: plain, classified: classify(plain) };
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      id: extractId(value),
      code: RpcErrorCode.InvalidRequest,
      reason: `Invalid Request: not a JSON-RPC 2.0 message${where}`,
    };
  }
  return { ok: true, message: parsed.data, classified: classify(parsed.data) };
}

/** Sorts a validated message into request, notification, result or error. */
export function classify(message: JSONRPCMessage): ClassifiedMessage {
  const m = message as Record<string, unknown>;
  if (typeof m.method === 'string') {
    const params = m.params as Record<string, unknown> | undefined;
    return 'id' in m
      ? { kind: 'request', id: m.id as RequestId, method: m.method, params }
      : { kind: 'notification', method: m.method, params };
  }
  if ('result' in m)
    return { kind: 'result', id: m.id as RequestId, result: m.result as Record<string, unknown> };
  return {
    kind: 'error',
    id: m.id as RequestId | undefined,
    error: m.error as { code: number; message: string; data?: unknown },
  };
}

/** Best-effort id of an invalid message, so its sender can still match the error to its request. */
export function extractId(value: unknown): RequestId | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null;
}

/** Builds a JSON-RPC error response. A null id is allowed only for parse errors, per JSON-RPC 2.0. */
export function errorResponse(
  id: RequestId | null,
  code: number,
  message: string,
  data?: unknown,
): JSONRPCMessage {
  const error = data === undefined ? { code, message } : { code, message, data };
  return { jsonrpc: '2.0', id: id ?? null, error } as unknown as JSONRPCMessage;
}

/** Builds a JSON-RPC result response. */
export function resultResponse(id: RequestId, result: Record<string, unknown>): JSONRPCMessage {
  return { jsonrpc: '2.0', id, result };
}

/** A map key for a request id that keeps `1` and `"1"` apart. */
export function idKey(id: RequestId): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}
