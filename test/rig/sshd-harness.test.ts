import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSsh } from '../ssh/client/connect';
import { fingerprintSha256, generateKeyPair, knownHostsLines } from '../ssh/keys';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import { pollUntil } from './mcp-client';

describe('sshd harness', () => {
  let sshd: SshdHandle;
  let startMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    sshd = await startSshd();
    startMs = Date.now() - started;
  });
  afterAll(() => sshd.stop());

  it('logs in as the current user on loopback with the generated key', async () => {
    expect(sshd.host).toBe('127.0.0.1');
    const result = await sshd.run('id -un; printf "%s" "$SSH_CONNECTION"');
    expect(result.code).toBe(0);
    const [user, connection] = result.stdout.split('\n');
    expect(user).toBe(sshd.user);
    expect(connection).toMatch(new RegExp(`^127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${sshd.port}$`));
    console.info(`[rig] sshd start to first login: ${sshd.readyMs} ms (startSshd total ${startMs} ms)`);
  });

  it('writes known_hosts with the host key in both the [host]:port and bare forms', () => {
    const lines = readFileSync(sshd.knownHostsPath, 'utf8').trim().split('\n');
    const key = sshd.hostPublicKey.split(' ').slice(0, 2).join(' ');
    expect(lines).toEqual([`[127.0.0.1]:${sshd.port} ${key}`, `127.0.0.1 ${key}`]);
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${sshd.dir}/host_ed25519.pub`], {
      encoding: 'utf8',
    });
    expect(printed).toContain(fingerprintSha256(sshd.hostPublicKey));
  });

  it('reports exit codes and separates stdout from stderr', async () => {
    const result = await sshd.run('echo out; echo err >&2; exit 3');
    expect(result).toMatchObject({
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
      cancelled: false,
      timedOut: false,
    });
  });

  it('kills a remote command on abort (not just the channel)', async () => {
    const marker = `${sshd.dir}/still-running`;
    const controller = new AbortController();
    const running = sshd.run(`sleep 31; touch ${marker}`, { signal: controller.signal });
    await pollUntil(
      async () => ((await sshd.run('pgrep -x sleep -a')).stdout.includes('sleep 31') ? true : undefined),
      'sleep to start',
    );
    controller.abort();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.code).toBeNull();
    expect((await sshd.run('pgrep -x sleep -a')).stdout).not.toContain('sleep 31');
    expect(existsSync(marker)).toBe(false);
  });

  it('accepts only the generated client key', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'airlock-otherkey-'));
    try {
      const other = await generateKeyPair(join(otherDir, 'id_ed25519'), 'not-authorized');
      await expect(connectSsh({ ...sshd, privateKeyPath: other.privateKeyPath })).rejects.toThrow(
        /authentication/i,
      );
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('rejects a host key that is not in known_hosts', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'airlock-otherhost-'));
    try {
      const fake = await generateKeyPair(join(otherDir, 'host'), 'fake-host');
      writeFileSync(join(otherDir, 'known_hosts'), knownHostsLines('127.0.0.1', sshd.port, fake.publicKey));
      await expect(connectSsh({ ...sshd, knownHostsPath: join(otherDir, 'known_hosts') })).rejects.toThrow(
        /host key not in/,
      );
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

describe('sshd harness stop()', () => {
  it('kills sshd with its sessions, removes its folder, and is idempotent', async () => {
    const sshd = await startSshd();
    const session = sshd.run('sleep 61');
    // A live session proves stop() also ends per-connection processes.
    await pollUntil(
      async () => ((await sshd.run('pgrep -x sleep -a')).stdout.includes('sleep 61') ? true : undefined),
      'sleep to start',
    );
    const started = Date.now();
    await sshd.stop();
    console.info(`[rig] sshd stop: ${Date.now() - started} ms`);
    await sshd.stop();
    expect(existsSync(sshd.dir)).toBe(false);
    expect(() => process.kill(sshd.pid, 0)).toThrow();
    expect((await session).code).not.toBe(0);
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain('sleep 61');
  });
});
