import { describe, expect, it } from 'vitest';
import { createInflight } from '../../electron/bridge/inflight';
import { parseMcpArgs } from '../../electron/cli/mcp-command';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectPathSync, unsafeReason } from '../../electron/core/file-security';
import { socketPath } from '../../electron/core/paths';
import { keepalive, ProgressRoutes } from '../../electron/proxy/progress-routes';
import { endMessage } from '../../electron/proxy/session-end';

describe('parseMcpArgs', () => {
  it('parses the profile and inline forms', () => {
    expect(parseMcpArgs(['--server', 'prod'])).toEqual({
      target: { kind: 'profile', name: 'prod' },
      dataDir: undefined,
    });
    expect(
      parseMcpArgs(['--name=ssh', '--data-dir', '/d', '--', 'npx', '-y', 'ssh-mcp', '--', '--host=x']),
    ).toEqual({
      target: { kind: 'inline', label: 'ssh', command: 'npx', args: ['-y', 'ssh-mcp', '--', '--host=x'] },
      dataDir: '/d',
    });
    expect(parseMcpArgs(['--', '/usr/bin/server'])).toEqual({
      target: { kind: 'inline', command: '/usr/bin/server', args: [] },
      dataDir: undefined,
    });
  });

  it('rejects unknown options, missing values and mixed forms with a usage line', () => {
    expect(() => parseMcpArgs(['--serve', 'x'])).toThrow(/unknown option '--serve'.*usage/);
    expect(() => parseMcpArgs(['--server'])).toThrow(/--server needs a value/);
    expect(() => parseMcpArgs(['--server', 'a', '--', 'cmd'])).toThrow(
      /either --server or an inline command/,
    );
    expect(() => parseMcpArgs([])).toThrow(/missing upstream/);
  });
});

describe('inflight ledger', () => {
  it('fails exactly the unanswered requests', () => {
    const ledger = createInflight();
    ledger.fromClient('{"jsonrpc":"2.0","id":1,"method":"tools/call"}');
    ledger.fromClient('{"jsonrpc":"2.0","id":"b","method":"ping"}');
    ledger.fromClient('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    ledger.fromCore('{"jsonrpc":"2.0","id":1,"result":{}}');
    const failed = ledger
      .failAll('core gone')
      .map((l) => JSON.parse(l) as { id: unknown; error: { message: string } });
    expect(failed).toEqual([
      { jsonrpc: '2.0', id: 'b', error: { code: -32003, message: 'Airlock: core gone' } },
    ]);
    expect(ledger.failAll('again')).toEqual([]);
    expect(ledger.failOne('{"jsonrpc":"2.0","method":"x"}', 'r')).toBeUndefined();
    expect(ledger.failOne('garbage', 'r')).toMatch(/not valid JSON/);
  });
});

describe('progress routes', () => {
  it('offsets upstream progress by the keepalives already sent, and drops inactive tokens', () => {
    const routes = new ProgressRoutes();
    routes.open('t', 3);
    expect(routes.rewrite({ progressToken: 't', progress: 1, total: 4 })).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 't', progress: 4, total: 7 },
    });
    routes.close('t');
    expect(routes.rewrite({ progressToken: 't', progress: 2 })).toBeUndefined();
    expect(routes.rewrite({ progressToken: 'never', progress: 2 })).toBeUndefined();
    expect(keepalive(5, 2, 'waiting')).toMatchObject({
      params: { progressToken: 5, progress: 2, message: 'waiting' },
    });
  });
});

describe('socket and file safety', () => {
  it('flags files owned by others or open to others', () => {
    expect(unsafeReason('f', { uid: 1, mode: 0o100600 }, 1)).toBeNull();
    expect(unsafeReason('f', { uid: 2, mode: 0o100600 }, 1)).toMatch(/owned by uid 2/);
    expect(unsafeReason('f', { uid: 1, mode: 0o100666 }, 1)).toMatch(/writable by other users/);
    expect(unsafeReason('f', { uid: 1, mode: 0o100644 }, 1)).toMatch(/readable by other users/);
  });

  it('tells a missing path from one that is there but not to be trusted (the bridge acts on the kind)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-check-'));
    try {
      const file = join(dir, 'f');
      expect(inspectPathSync('socket', file)).toMatchObject({ kind: 'inaccessible', reason: /ENOENT/ });
      writeFileSync(file, 'x');
      chmodSync(file, 0o600);
      expect(inspectPathSync('socket', file)).toEqual({ kind: 'ok' });
      chmodSync(file, 0o666);
      expect(inspectPathSync('socket', file)).toMatchObject({
        kind: 'unsafe',
        reason: /writable by other users/,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('places the socket in the data folder, a named pipe on Windows, and rejects paths too long for a socket', () => {
    expect(socketPath('/tmp/a', 'linux')).toBe('/tmp/a/airlock.sock');
    expect(socketPath('C:\\Users\\me\\AppData', 'win32')).toMatch(/^\\\\\.\\pipe\\airlock-[0-9a-f]{16}$/);
    expect(() => socketPath(`/tmp/${'x'.repeat(120)}`, 'linux')).toThrow(/too long/);
  });
});

describe('session end messages', () => {
  it('explains each way a session ends', () => {
    expect(endMessage({ kind: 'core-shutdown' }, 's')).toMatch(/shutting down/);
    expect(endMessage({ kind: 'upstream-exited', code: 3, signal: null, stderrTail: ['boom'] }, 's')).toBe(
      "Upstream server 's' exited with code 3 before answering (last stderr: boom).",
    );
    expect(
      endMessage({ kind: 'upstream-exited', code: null, signal: 'SIGKILL', stderrTail: [] }, 's'),
    ).toMatch(/killed by SIGKILL/);
  });
});
