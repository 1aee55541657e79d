/**
 * The bridge fails closed: whatever goes wrong between client, core and upstream, the client gets a clear
 * MCP error and no call reaches an upstream unchecked.
 */
import { chmodSync, chownSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startAirlock } from '../../electron/core/airlock';
import { unsafeReason } from '../../electron/core/file-security';
import {
  airlockBin,
  makeDataDir,
  probeFixture,
  repoRoot,
  startAirlockCore,
  ALLOW_ALL_POLICY,
  type AirlockCoreHandle,
} from '../support/airlock-harness';
import { initializeRequest, spawnRawBridge } from '../support/raw-bridge';
import { isAlive, waitFor } from '../support/wait';

const probe = probeFixture;
const desktopAppFixture = join(repoRoot, 'dist', 'test', 'fixtures', 'desktop-app-fixture.js');

/** What test/fixtures/desktop-app-fixture.ts writes. */
interface AppReport {
  readonly pid: number;
  readonly start: unknown;
  readonly windows: number;
  readonly exitCode?: number;
}
const cores: AirlockCoreHandle[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
});

async function core(): Promise<AirlockCoreHandle> {
  const c = await startAirlockCore({ policy: ALLOW_ALL_POLICY });
  cores.push(c);
  return c;
}

function bridgeFor(dataDir: string, marker: string): ReturnType<typeof spawnRawBridge> {
  return spawnRawBridge({
    command: process.execPath,
    args: [airlockBin, 'mcp', '--data-dir', dataDir, '--name', 'probe', '--', process.execPath, probe],
    env: { ...(process.env as Record<string, string>), PROBE_PIDFILE: marker },
  });
}

describe('fail closed', () => {
  it('answers every request with a clear error when the core is not running, and starts no upstream', async () => {
    const dataDir = makeDataDir();
    const marker = join(dataDir, 'upstream-started');
    const raw = bridgeFor(dataDir, marker);
    raw.send(initializeRequest);
    const reply = await raw.next((l) => l.id === 'init');
    expect((reply.error as { message: string }).message).toMatch(/core is not running.*airlock serve/);
    raw.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: {} } });
    const second = await raw.next((l) => l.id === 2);
    expect((second.error as { message: string }).message).toMatch(/No call was forwarded/);
    expect(await raw.close()).toBe(1);
    expect(existsSync(marker)).toBe(false);
    expect(raw.stderr()).toMatch(/not running/);
  });

  it('answers every request with the usage error when the bridge is launched with bad arguments', async () => {
    const raw = spawnRawBridge({
      command: process.execPath,
      args: [airlockBin, 'mcp', '--serve', 'typo'],
      env: { ...(process.env as Record<string, string>) },
    });
    raw.send(initializeRequest);
    const reply = await raw.next((l) => l.id === 'init');
    expect((reply.error as { message: string }).message).toMatch(
      /unknown option '--serve'.*usage: airlock mcp/,
    );
    expect(await raw.close()).toBe(2);
  });

  it('starts the desktop app when one is installed, then connects', async () => {
    const dataDir = makeDataDir();
    const launcher = join(dataDir, 'fake-app.sh');
    const reportFile = join(dataDir, 'app-report.json');
    // The folder's saved policy allows every call; the app adopts it as any start would.
    const seeded = await startAirlock({
      dataDir,
      console: false,
      startPolicy: { text: JSON.stringify(ALLOW_ALL_POLICY), source: 'test' },
    });
    await seeded.shutdown();
    // Stands in for the installed app: the real shell on a fake Electron, given whatever arguments the
    // bridge passes (`"$@"`), so the core only lands in this folder if the shell honours --data-dir.
    writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${desktopAppFixture}" "$@"\n`, {
      mode: 0o755,
    });
    const client = new Client({ name: 'c', version: '1' }, { capabilities: {} });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [airlockBin, 'mcp', '--data-dir', dataDir, '--name', 'probe', '--', process.execPath, probe],
        env: {
          ...(process.env as Record<string, string>),
          AIRLOCK_APP_PATH: launcher,
          DESKTOP_APP_REPORT: reportFile,
        },
        stderr: 'pipe',
      }),
    );
    const result = await client.callTool({ name: 'echo', arguments: { message: 'started' } });
    expect(JSON.stringify(result.content)).toContain('started');
    await client.close();
    const started = JSON.parse(readFileSync(reportFile, 'utf8')) as AppReport;
    // Started in the background: the core runs, no window opened.
    expect(started.start).toEqual({ kind: 'running', dataDir, background: true });
    expect(started.windows).toBe(0);
    // Quit (as from the tray) ends the core cleanly.
    process.kill(started.pid, 'SIGTERM');
    await waitFor(() => !isAlive(started.pid), 10_000, 'the started app to exit');
    const ended = JSON.parse(readFileSync(reportFile, 'utf8')) as AppReport;
    expect(ended.exitCode).toBe(0);
    expect(existsSync(join(dataDir, 'airlock.sock'))).toBe(false);
  });

  it('refuses a wrong token', async () => {
    const c = await core();
    writeFileSync(join(c.dataDir, 'token'), 'not-the-token\n', { mode: 0o600 });
    const marker = join(c.dataDir, 'upstream-started');
    const raw = bridgeFor(c.dataDir, marker);
    raw.send(initializeRequest);
    const reply = await raw.next((l) => l.id === 'init');
    expect((reply.error as { message: string }).message).toMatch(/refused this session: wrong token/);
    await raw.close();
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a world-writable socket', async () => {
    const c = await core();
    chmodSync(join(c.dataDir, 'airlock.sock'), 0o666);
    const raw = bridgeFor(c.dataDir, join(c.dataDir, 'm'));
    raw.send(initializeRequest);
    const reply = await raw.next((l) => l.id === 'init');
    expect((reply.error as { message: string }).message).toMatch(
      /refusing to connect: core socket .* writable by other users/,
    );
    await raw.close();
  });

  it('refuses a socket owned by another user', async () => {
    if (process.getuid?.() === 0) {
      const c = await core();
      chownSync(join(c.dataDir, 'airlock.sock'), 65534, 65534);
      const raw = bridgeFor(c.dataDir, join(c.dataDir, 'm'));
      raw.send(initializeRequest);
      const reply = await raw.next((l) => l.id === 'init');
      expect((reply.error as { message: string }).message).toMatch(/owned by uid 65534/);
      await raw.close();
    } else {
      // Without root no file can be given away: check the same decision the bridge makes.
      expect(
        unsafeReason(
          'core socket',
          { uid: (process.getuid?.() ?? 0) + 1, mode: 0o140600 },
          process.getuid?.() ?? 0,
        ),
      ).toMatch(/owned by uid/);
    }
  });

  it('reports an upstream that does not start', async () => {
    const c = await core();
    const raw = spawnRawBridge(c.bridgeParams('missing', '/nonexistent/mcp-server', []));
    raw.send(initializeRequest);
    const reply = await raw.next((l) => l.id === 'init');
    expect((reply.error as { message: string }).message).toMatch(
      /could not start upstream server 'missing'.*ENOENT/,
    );
    await raw.close();
  });

  it('answers an in-flight call when the upstream dies mid-call', async () => {
    const c = await core();
    const client = new Client({ name: 'c', version: '1' }, { capabilities: {} });
    await client.connect(new StdioClientTransport(c.bridgeParams('probe', process.execPath, [probe])));
    await expect(client.callTool({ name: 'crash', arguments: {} })).rejects.toThrow(
      /exited with code 3.*crashing on purpose/,
    );
    await client.close();
  });

  it('answers garbage on stdin with JSON-RPC errors and keeps the session working', async () => {
    const c = await core();
    const raw = spawnRawBridge(c.bridgeParams('probe', process.execPath, [probe]));
    raw.sendLine('this is not json');
    raw.sendLine('[{"jsonrpc":"2.0","id":1,"method":"ping"}]');
    raw.sendLine('{"jsonrpc":"2.0","id":5,"method":42}');
    raw.send(initializeRequest);
    await raw.next((l) => l.id === 'init' && 'result' in l);
    const errors = raw.lines.filter(
      (l): l is { error: { code: number; message: string } } =>
        typeof l === 'object' && l !== null && 'error' in l,
    );
    expect(errors.map((e) => e.error.code)).toEqual([-32700, -32600, -32600]);
    expect(errors[1]?.error.message).toMatch(/batches are not supported/);
    expect((errors[2] as { id?: unknown } | undefined)?.id).toBe(5);
    raw.send({ jsonrpc: '2.0', id: 9, method: 'ping' });
    expect(await raw.next((l) => l.id === 9)).toHaveProperty('result');
    await raw.close();
  });

  it('ends open sessions with a clear error when the core shuts down', async () => {
    const c = await core();
    const client = new Client({ name: 'c', version: '1' }, { capabilities: {} });
    await client.connect(new StdioClientTransport(c.bridgeParams('probe', process.execPath, [probe])));
    const call = client
      .callTool({ name: 'wait', arguments: { ms: 60_000 } })
      .catch((error: unknown) => error as Error);
    await new Promise((r) => setTimeout(r, 300));
    await c.stop();
    expect((await call) as Error).toBeInstanceOf(Error);
    expect(((await call) as Error).message).toMatch(/Airlock is shutting down/);
    await client.close();
  });

  it('keeps the socket and token owner-only', async () => {
    const c = await core();
    const { statSync } = await import('node:fs');
    expect(statSync(join(c.dataDir, 'airlock.sock')).mode & 0o077).toBe(0);
    expect(statSync(join(c.dataDir, 'token')).mode & 0o077).toBe(0);
    expect(statSync(c.dataDir).mode & 0o077).toBe(0);
    expect(readFileSync(join(c.dataDir, 'token'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});
