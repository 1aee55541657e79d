/** Reading an overlong line's kind and id from its ends only, and the bridge's replies to it. */
import { describe, expect, it } from 'vitest';
import { overlongReplies } from '../../electron/bridge/overlong-replies';
import type { Overlong } from '../../electron/proxy/line-splitter';
import { readOverlong } from '../../electron/proxy/overlong-message';

const ends = (head: string, tail: string = head): Overlong => ({
  head,
  tail,
  bytes: 40_000_000,
  maxLineBytes: 33_554_432,
});

describe('readOverlong', () => {
  it('reads requests with the id last (the SDK) or first, and their method', () => {
    expect(
      readOverlong(ends('{"method":"tools/call","params":{"x":"aaa', 'aaa"},"jsonrpc":"2.0","id":7}')),
    ).toEqual({
      kind: 'request',
      id: 7,
      method: 'tools/call',
    });
    expect(
      readOverlong(ends('{"jsonrpc":"2.0","id":"r-1","method":"tools/call","params":{', 'zz"}}')),
    ).toEqual({
      kind: 'request',
      id: 'r-1',
      method: 'tools/call',
    });
  });

  it('reads responses, and notifications (no top-level id)', () => {
    expect(readOverlong(ends('{"result":{"content":[', '}]},"jsonrpc":"2.0","id":3}'))).toEqual({
      kind: 'response',
      id: 3,
    });
    expect(readOverlong(ends('{"jsonrpc":"2.0","id":3,"result":{"content":[', ']}}'))).toEqual({
      kind: 'response',
      id: 3,
    });
    expect(readOverlong(ends('{"method":"notifications/message","params":{"data":"', '"}}'))).toEqual({
      kind: 'notification',
      method: 'notifications/message',
    });
  });

  it('never takes an id from inside the message', () => {
    // A nested object ending the line, an escaped "id" in a string, an id in the params' first key.
    expect(readOverlong(ends('{"method":"n","params":{"a":1', '"b":{"id":9}}'))).toMatchObject({
      kind: 'notification',
    });
    expect(readOverlong(ends('{"method":"n","params":{"s":"', ',\\"id\\":9}"}}'))).toMatchObject({
      kind: 'notification',
    });
    expect(readOverlong(ends('{"params":{"id":5},"method":"x"', '"}}'))).toEqual({ kind: 'unreadable' });
    expect(readOverlong(ends('[{"method":"x","id":1}', ',{"id":2}]'))).toEqual({ kind: 'unreadable' });
    expect(readOverlong(ends('not json at all'))).toEqual({ kind: 'unreadable' });
    expect(readOverlong(ends('{"method":"x","params":{', '"jsonrpc":"2.0","id":1e400}'))).toMatchObject({
      kind: 'notification',
    });
  });
});

describe('overlongReplies', () => {
  const request = ends('{"method":"tools/call","params":{"x":"', '"},"jsonrpc":"2.0","id":12}');
  const response = ends('{"result":{"x":"', '"},"jsonrpc":"2.0","id":"s-4"}');

  it('a client request is answered to the client; a client response becomes an error to the core', () => {
    const asked = overlongReplies(request, 'client');
    expect(asked.toCore).toEqual([]);
    expect(asked.toClient.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        jsonrpc: '2.0',
        id: 12,
        error: {
          code: -32600,
          message: expect.stringMatching(
            /40000000 bytes, over the bridge's limit of 33554432; it was not forwarded/,
          ) as unknown,
        },
      },
    ]);
    const answered = overlongReplies(response, 'client');
    expect(answered.toClient).toEqual([]);
    expect(JSON.parse(answered.toCore[0] ?? '')).toMatchObject({ id: 's-4', error: { code: -32603 } });
  });

  it('from the core: a response becomes an error to the client, a request is refused back to the core', () => {
    expect(JSON.parse(overlongReplies(response, 'core').toClient[0] ?? '')).toMatchObject({
      id: 's-4',
      error: { code: -32603, message: expect.stringMatching(/the answer to this request was/) as unknown },
    });
    expect(JSON.parse(overlongReplies(request, 'core').toCore[0] ?? '')).toMatchObject({ id: 12 });
  });

  it('an unreadable client line still gets an answer (id null); a notification only a log line', () => {
    expect(JSON.parse(overlongReplies(ends('garbage'), 'client').toClient[0] ?? '')).toMatchObject({
      id: null,
      error: { code: -32600 },
    });
    const note = overlongReplies(ends('{"method":"notifications/x","params":{', '}}'), 'client');
    expect([note.toClient, note.toCore]).toEqual([[], []]);
    expect(note.log).toMatch(/notification notifications\/x dropped/);
  });
});
