/** The relay's fast paths: batched line writes, and reading a core response's id without parsing it. */
import { describe, expect, it } from 'vitest';
import { leadingResponseId, parseObjectLine } from '../../electron/bridge/json-line';
import { createInflight } from '../../electron/bridge/inflight';
import { createLineWriter } from '../../electron/proxy/line-writer';

const tick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

describe('line writer', () => {
  it('writes the lines of one pass as one write, in order, and flushes on demand', async () => {
    const writes: string[] = [];
    const writer = createLineWriter((text) => writes.push(text));
    writer.write('a');
    writer.write('b');
    expect(writes).toEqual([]);
    await tick();
    expect(writes).toEqual(['a\nb\n']);
    writer.write('c');
    writer.flush();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
    await tick();
    expect(writes).toHaveLength(2);
  });

  it('writes at once past the batch cap', () => {
    const writes: string[] = [];
    const writer = createLineWriter((text) => writes.push(text));
    writer.write('x'.repeat(1 << 20));
    expect(writes).toHaveLength(1);
  });
});

describe('leadingResponseId', () => {
  const cases: unknown[] = [
    { jsonrpc: '2.0', id: 5, result: { content: [] } },
    { jsonrpc: '2.0', id: 'abc', error: { code: 1, message: 'no' } },
    { jsonrpc: '2.0', id: -3, result: {} },
    { jsonrpc: '2.0', id: 0, result: {} },
  ];
  it('agrees with the parser on every response the core lays out', () => {
    for (const message of cases) {
      const line = JSON.stringify(message);
      expect(leadingResponseId(line)).toBe(parseObjectLine(line)?.id);
    }
  });

  it('declines anything else, so the caller parses', () => {
    for (const line of [
      JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'sampling/createMessage', params: {} }),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: {} }),
      JSON.stringify({ jsonrpc: '2.0', id: 'a"b', result: {} }),
      JSON.stringify({ jsonrpc: '2.0', id: 1.5, result: {} }),
      '{"jsonrpc":"2.0","id":12345678901234567,"result":{}}',
      JSON.stringify({ id: 5, jsonrpc: '2.0', result: {} }),
      '{"jsonrpc":"2.0","id":"unterminated',
    ]) {
      expect(leadingResponseId(line)).toBeUndefined();
    }
  });

  it('keeps the in-flight ledger exact through both paths', () => {
    const ledger = createInflight();
    ledger.fromClient(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: {} }));
    ledger.fromClient(JSON.stringify({ jsonrpc: '2.0', id: 'a"b', method: 'ping' }));
    ledger.fromClient(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }));
    ledger.fromCore(JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} }));
    ledger.fromCore(JSON.stringify({ jsonrpc: '2.0', id: 'a"b', result: {} }));
    const failed = ledger.failAll('gone').map((line) => JSON.parse(line) as { id: unknown });
    expect(failed.map((m) => m.id)).toEqual([2]);
  });
});
