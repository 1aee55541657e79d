import { describe, expect, it } from 'vitest';
import { errorResponse, idKey, parseLine } from '../../electron/proxy/jsonrpc';
import { createLineSplitter, OVERLONG_KEPT_BYTES, type Overlong } from '../../electron/proxy/line-splitter';

describe('parseLine', () => {
  it('classifies requests, notifications, results and errors', () => {
    const kinds = [
      '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      '{"jsonrpc":"2.0","id":"a","result":{"x":1}}',
      '{"jsonrpc":"2.0","id":2,"error":{"code":-1,"message":"m"}}',
    ].map((l) => {
      const p = parseLine(l);
      return p.ok ? p.classified.kind : 'invalid';
    });
    expect(kinds).toEqual(['request', 'notification', 'result', 'error']);
  });

  it('keeps unknown fields in params and results', () => {
    const p = parseLine('{"jsonrpc":"2.0","id":1,"result":{"x-vendor":{"deep":[1,2]},"content":[]}}');
    expect(p.ok && p.classified.kind === 'result' && p.classified.result['x-vendor']).toEqual({
      deep: [1, 2],
    });
  });

  it('rejects parse errors, batches and wrong shapes with the right codes, keeping the id when it can', () => {
    expect(parseLine('{nope')).toMatchObject({ ok: false, code: -32700, id: null });
    expect(parseLine('[]')).toMatchObject({ ok: false, code: -32600 });
    expect(parseLine('{"jsonrpc":"1.0","id":7,"method":"x"}')).toMatchObject({
      ok: false,
      code: -32600,
      id: 7,
    });
    expect(parseLine('{"jsonrpc":"2.0","id":{"a":1},"method":"x"}')).toMatchObject({ ok: false, id: null });
  });

  it('builds error responses and distinct id keys', () => {
    expect(errorResponse(null, -32700, 'bad')).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'bad' },
    });
    expect(idKey(1)).not.toBe(idKey('1'));
  });
});

describe('createLineSplitter', () => {
  it('reassembles lines across chunks, strips CR, skips blank lines', () => {
    const lines: string[] = [];
    const split = createLineSplitter({ line: (l) => lines.push(l), overflow: () => undefined });
    split(Buffer.from('{"a":'));
    split(Buffer.from('1}\r\n\n{"b":2}\n{"c"'));
    split(Buffer.from(':3}\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('drops an overlong line, reports it, and recovers at the next newline', () => {
    const lines: string[] = [];
    const overflows: Overlong[] = [];
    const split = createLineSplitter({ line: (l) => lines.push(l), overflow: (o) => overflows.push(o) }, 10);
    split(Buffer.from('0123456789ABCDEF'));
    split(Buffer.from('more\nok\n'));
    expect(overflows).toEqual([
      { bytes: 20, head: '0123456789ABCDEFmore', tail: '0123456789ABCDEFmore', maxLineBytes: 10 },
    ]);
    expect(lines).toEqual(['ok']);
  });

  it('keeps only the two ends of an overlong line, across many small chunks, and reports it once it ends', () => {
    const overflows: Overlong[] = [];
    const lines: string[] = [];
    const split = createLineSplitter(
      { line: (l) => lines.push(l), overflow: (o) => overflows.push(o) },
      10_000,
    );
    const start = '{"method":"tools/call","params":{"a":"';
    const end = '"},"jsonrpc":"2.0","id":41}\r';
    split(Buffer.from(start));
    for (let i = 0; i < 100; i += 1) split(Buffer.from('y'.repeat(997)));
    expect(overflows).toEqual([]);
    split(Buffer.from(`${end}\n{"ok":1}\n`));
    expect(overflows).toHaveLength(1);
    const [o] = overflows;
    expect(o?.bytes).toBe(start.length + 99_700 + end.length);
    expect(o?.head.startsWith('{"method":"tools/call"')).toBe(true);
    expect(o?.head).toHaveLength(OVERLONG_KEPT_BYTES);
    expect(o?.tail.endsWith('"jsonrpc":"2.0","id":41}')).toBe(true);
    expect(o?.tail.length).toBeLessThanOrEqual(OVERLONG_KEPT_BYTES);
    expect(lines).toEqual(['{"ok":1}']);
  });
});
