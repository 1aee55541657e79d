/** The bridge's pure pieces for reconnection: the recorded session opening and the core's control line. */
import { describe, expect, it } from 'vitest';
import { controlLine, parseControlLine } from '../../electron/core/control-line';
import { createSessionReplay, replayAnswer } from '../../electron/bridge/replay';

describe('session replay', () => {
  it('re-opens with the first initialize under the bridge id, and the initialized notification', () => {
    const replay = createSessionReplay();
    expect(replay.opening('x')).toBeUndefined();
    const init = { jsonrpc: '2.0', id: 7, method: 'initialize', params: { protocolVersion: '2025-06-18' } };
    replay.fromClient(JSON.stringify(init));
    replay.fromClient('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    replay.fromClient(JSON.stringify({ ...init, id: 8, params: { protocolVersion: 'other' } }));
    const opening = replay.opening('airlock-bridge-reinit-s1');
    expect(JSON.parse(opening?.initialize ?? '{}')).toEqual({ ...init, id: 'airlock-bridge-reinit-s1' });
    expect(opening?.initialized).toBe('{"jsonrpc":"2.0","method":"notifications/initialized"}');
  });

  it('recognises only the answer to its own id', () => {
    const id = 'airlock-bridge-reinit-s1';
    expect(replayAnswer(JSON.stringify({ jsonrpc: '2.0', id, result: {} }), id)).toBe('ok');
    expect(replayAnswer(JSON.stringify({ jsonrpc: '2.0', id, error: { code: 1, message: 'no' } }), id)).toBe(
      'error',
    );
    expect(replayAnswer(JSON.stringify({ jsonrpc: '2.0', id: 3, result: { text: id } }), id)).toBeUndefined();
    expect(replayAnswer(JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }), id)).toBeUndefined();
  });
});

describe('control line', () => {
  it('round-trips both notices', () => {
    expect(parseControlLine(controlLine({ kind: 'core-stopping' }))).toEqual({ kind: 'core-stopping' });
    const ended = { kind: 'session-ended', message: 'Upstream exited.' } as const;
    expect(parseControlLine(controlLine(ended))).toEqual(ended);
  });

  it('never mistakes relayed JSON-RPC traffic for a control line', () => {
    expect(
      parseControlLine('{"airlock":"airlock-session-end","kind":"core-stopping","jsonrpc":"2.0"}'),
    ).toBeUndefined();
    expect(
      parseControlLine('{"jsonrpc":"2.0","method":"x","params":{"airlock":"airlock-session-end"}}'),
    ).toBeUndefined();
    expect(parseControlLine('{"airlock":"airlock-session-end","kind":"other"}')).toBeUndefined();
    expect(parseControlLine('{"airlock":')).toBeUndefined();
  });
});
