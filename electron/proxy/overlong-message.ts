/**
 * What an overlong JSON-RPC line was, read from its kept ends only (see line-splitter.ts). Pure.
 *
 * The id is trusted only where a writer puts the top-level id: as the first key (optionally after
 * `"jsonrpc"`), or as the last key right before the final brace (the MCP SDK's order). An `"id"` deeper
 * in the message cannot match either place, since escaped quotes and nested braces break the pattern.
 */
import type { Overlong } from './line-splitter';

/** A JSON-RPC id. */
export type RpcId = string | number;

/** The overlong line's kind, as far as its ends tell. */
export type OverlongMessage =
  | { readonly kind: 'request'; readonly id: RpcId; readonly method: string | null }
  | { readonly kind: 'response'; readonly id: RpcId }
  | { readonly kind: 'notification'; readonly method: string | null }
  | { readonly kind: 'unreadable' };

const ID = String.raw`(-?\d+|"(?:[^"\\]|\\.){0,200}")`;
const LEADING_ID = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID}\s*,`);
const TRAILING_ID = new RegExp(String.raw`,\s*"id"\s*:\s*${ID}\s*\}\s*$`);
const LEADING_KEY = /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?(?:"id"\s*:\s*[^,]{1,210},\s*)?"(\w+)"\s*:/;
const METHOD = /^\s*"((?:[^"\\]|\\.){1,200})"/;

function readId(text: string | undefined): RpcId | undefined {
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  return typeof value === 'string' ? value : undefined;
}

function methodAfter(head: string, key: RegExpExecArray): string | null {
  const match = METHOD.exec(head.slice(key.index + key[0].length));
  if (!match?.[1]) return null;
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return null;
  }
}

/** Reads the kind, id and method of an overlong line from its ends. */
export function readOverlong(overlong: Pick<Overlong, 'head' | 'tail'>): OverlongMessage {
  const { head, tail } = overlong;
  let id: RpcId | undefined;
  try {
    id = readId(LEADING_ID.exec(head)?.[1]) ?? readId(TRAILING_ID.exec(tail)?.[1]);
  } catch {
    id = undefined;
  }
  // The first key after jsonrpc/id says what the message is: method (request or notification),
  // result or error (response); with the SDK's order (params after method) it is the first key at all.
  const key = LEADING_KEY.exec(head);
  const first = key?.[1];
  if (first === 'method' && key) {
    const method = methodAfter(head, key);
    return id === undefined ? { kind: 'notification', method } : { kind: 'request', id, method };
  }
  if ((first === 'result' || first === 'error') && id !== undefined) return { kind: 'response', id };
  return { kind: 'unreadable' };
}

/** A one-line account of an overlong line, for logs. */
export function describeOverlong(overlong: Overlong, from: string): string {
  return `${from} sent a line of ${overlong.bytes} bytes, over the limit of ${overlong.maxLineBytes}`;
}
