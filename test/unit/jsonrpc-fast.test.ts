/**
 * The schema-free fast path must never accept what the SDK schema rejects, nor accept a value the
 * schema would change: every message it takes must come out of the schema equal to itself.
 */
import { describe, expect, it } from 'vitest';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { plainMessage } from '../../electron/proxy/jsonrpc-fast';

const ids: unknown[] = [1, 0, -5, 'a', '', 1.5, 2 ** 60, null, true, {}, []];
const params: unknown[] = [
  undefined,
  {},
  { name: 'echo', arguments: { message: 'hi' } },
  { _meta: { progressToken: 'p' } },
  { _meta: { progressToken: 7, other: { x: 1 } } },
  { _meta: { progressToken: 1.5 } },
  { _meta: { 'io.modelcontextprotocol/related-task': { taskId: 't', extra: 1 } } },
  { _meta: null },
  { _meta: [] },
  [],
  null,
  'text',
];
const results: unknown[] = [
  {},
  { content: [] },
  { _meta: { progressToken: 'x' } },
  { _meta: 3 },
  [],
  null,
  5,
];
const errors: unknown[] = [
  { code: -32000, message: 'no' },
  { code: 1, message: 'm', data: { any: 1 } },
  { code: 1.5, message: 'm' },
  { code: 1, message: 2 },
  { code: 1, message: 'm', extra: true },
  { code: 1 },
  [],
  null,
];

function candidates(): unknown[] {
  const out: unknown[] = [null, [], 'x', 3, {}];
  for (const jsonrpc of ['2.0', '1.0', undefined]) {
    for (const p of params) {
      const withParams = p === undefined ? {} : { params: p };
      out.push({ jsonrpc, method: 'tools/call', ...withParams });
      out.push({ jsonrpc, method: 5, ...withParams });
      for (const id of ids) out.push({ jsonrpc, id, method: 'tools/call', ...withParams });
    }
    for (const id of ids) {
      for (const result of results) out.push({ jsonrpc, id, result });
      for (const error of errors) out.push({ jsonrpc, id, error });
      out.push({ jsonrpc, id, result: {}, error: { code: 1, message: 'm' } });
      out.push({ jsonrpc, id, method: 'x', result: {} });
      out.push({ jsonrpc, id, method: 'x', extra: 1 });
    }
    for (const error of errors) out.push({ jsonrpc, error });
    out.push({ jsonrpc, result: {} });
  }
  return out;
}

describe('plainMessage', () => {
  it('accepts only what the schema accepts, and exactly as the schema outputs it', () => {
    let accepted = 0;
    for (const candidate of candidates()) {
      const value: unknown = JSON.parse(JSON.stringify(candidate));
      const fast = plainMessage(value);
      if (fast === undefined) continue;
      accepted += 1;
      const schema = JSONRPCMessageSchema.safeParse(value);
      expect(schema.success, JSON.stringify(value)).toBe(true);
      expect(schema.data).toStrictEqual(value);
    }
    expect(accepted).toBeGreaterThan(50);
  });

  it('takes the everyday shapes', () => {
    for (const message of [
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: {} } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 'x', result: { content: [{ type: 'text', text: 'hi' }] } },
      { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found' } },
    ]) {
      expect(plainMessage(message)).toBe(message);
    }
  });
});
