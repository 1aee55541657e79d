/**
 * The command line against real processes: a bridge to a missing profile fails, a reader that closes
 * the pipe early ends the export quietly, and a signalled `airlock serve` removes its socket file.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../electron/history/store';
import { historyPath } from '../../electron/history/open-database';
import { callLifecycle, sessionStart } from '../history/events-factory';
import {
  airlockBin,
  makeDataDir,
  probeFixture,
  processEnv,
  startAirlockCore,
  type AirlockCoreHandle,
} from '../support/airlock-harness';

describe('airlock mcp --server NAME of a profile that does not exist', () => {
  let core: AirlockCoreHandle;
  beforeAll(async () => {
    core = await startAirlockCore({ args: ['--no-console'] });
  });
  afterAll(() => core.stop());

  it('exits non-zero with the core’s reason, even when stdin closes at once', async () => {
    // runCli gives the bridge an empty stdin: it ends before the core has answered the handshake.
    const result = await core.cli(['mcp', '--server', 'nosuch']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/refused this session: Unknown server profile 'nosuch'/);
    expect(result.stderr).not.toMatch(/airlock: airlock/);
  });
});

describe('a closed pipe', () => {
  const dataDir = makeDataDir();
  beforeAll(() => {
    // Far more than a pipe buffer (64 KiB), so the export is still writing when head exits.
    const store = openHistoryStore({ path: historyPath(dataDir) });
    for (const event of sessionStart('s1', 1_700_000_000_000)) store.record(event);
    for (let i = 0; i < 3000; i += 1) {
      const command = `echo ${'x'.repeat(120)} ${i}`;
      for (const event of callLifecycle({
        sessionId: 's1',
        callId: `c${i}`,
        at: 1_700_000_001_000 + i * 10,
        command,
      }))
        store.record(event);
    }
    store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([['jsonl'], ['csv']])('ends `history export --format %s | head -1` quietly', async (format) => {
    const script = `"${process.execPath}" "${airlockBin}" history export --format ${format} --data-dir "${dataDir}" | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const result = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-c', script], { env: processEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', () => resolve({ stdout, stderr }));
    });
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stdout).toMatch(format === 'csv' ? /^seq,at,session_id/ : /^\{"item":/);
    // Only the exit status echoed above: no "write EPIPE", no stack trace.
    expect(result.stderr).toBe('exit=0\n');
  });
});

describe('airlock serve shutdown', () => {
  it.each([['SIGTERM'], ['SIGINT'], ['SIGHUP']] as const)(
    'removes the socket file on %s, with a bridge session open',
    async (signal) => {
      const dataDir = makeDataDir();
      const core = await startAirlockCore({ dataDir, args: ['--no-console'] });
      const socket = join(dataDir, 'airlock.sock');
      expect(existsSync(socket)).toBe(true);
      // A live session: the shutdown must end it and still remove the socket.
      const bridge = spawn(
        process.execPath,
        [airlockBin, 'mcp', '--data-dir', dataDir, '--name', 'probe', '--', process.execPath, probeFixture],
        { env: processEnv(), stdio: ['pipe', 'pipe', 'pipe'] },
      );
      const bridgeExit = new Promise<number | null>((resolve) => bridge.on('exit', (code) => resolve(code)));
      bridge.stdin.write(
        `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`,
      );
      await new Promise<void>((resolve) => bridge.stdout.once('data', () => resolve()));
      const exited = new Promise<number | null>((resolve) =>
        core.process.once('exit', (code) => resolve(code)),
      );
      core.process.kill(signal);
      expect(await exited).toBe(0);
      expect(existsSync(socket)).toBe(false);
      expect(core.stderr()).toMatch(/shutting down/);
      bridge.stdin.end();
      await bridgeExit;
      await core.stop();
    },
  );
});
