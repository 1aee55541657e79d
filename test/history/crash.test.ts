import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../electron/history/store';
import { UNKNOWN_OUTCOME_REASON } from '../../electron/history/recovery';
import { verifyHistory } from '../../electron/history/verify';
import { tempDir } from './helpers';

const fixture = fileURLToPath(new URL('../../dist/test/fixtures/history-writer-fixture.js', import.meta.url));

/** Runs the writer fixture until it reports its write-ahead rows committed, then SIGKILLs it. */
async function killWriterMidCall(path: string): Promise<void> {
  const child = spawn(process.execPath, [fixture, path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`fixture exited early (${code}): ${stderr}`)));
  });
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  const [, signal] = (await exited) as [number | null, string | null];
  expect(signal).toBe('SIGKILL');
}

describe('crash recovery', () => {
  it('shows calls in flight at a SIGKILL as "outcome unknown", never missing', async () => {
    expect(existsSync(fixture), `build the fixture first (${fixture})`).toBe(true);
    const path = join(tempDir(), 'history.db');
    await killWriterMidCall(path);

    const store = openHistoryStore({ path });
    expect(store.recovery).toEqual({ unknownCalls: 2, crashedSessions: 1 });
    const calls = store.listCalls({ sessionId: 'crash-session' }).items;
    expect(calls.map((c) => [c.callId, c.status])).toEqual([
      ['in-flight-3', 'unknown'],
      ['done-2', 'completed'],
      ['in-flight-1', 'unknown'],
    ]);
    const first = store.findCall('in-flight-1');
    // Its decision and forward were committed by the later write-ahead commit; its outcome never was.
    expect(first?.decision?.action).toBe('allow');
    expect(first?.forwarded?.arguments).toEqual({ command: 'sleep 100' });
    expect(first?.outcome).toMatchObject({ kind: 'unknown', message: UNKNOWN_OUTCOME_REASON });
    // The last call's steps were only queued when the process died: the call itself is still there.
    expect(store.findCall('in-flight-3')).toMatchObject({
      arguments: { command: 'reboot' },
      decision: null,
      status: 'unknown',
    });
    expect(store.getSession('crash-session')?.end).toMatchObject({ kind: 'crashed' });
    // Crashed calls are searchable: the index is rebuilt for what the dead process had not written yet.
    expect(store.search('reboot').items.map((c) => c.callId)).toEqual(['in-flight-3']);
    store.close();

    // Recovery is recorded in the chain, and is not repeated.
    expect(verifyHistory(path)).toMatchObject({ ok: true });
    const again = openHistoryStore({ path });
    expect(again.recovery).toEqual({ unknownCalls: 0, crashedSessions: 0 });
    again.close();
  });
});
