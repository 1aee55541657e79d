import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { connectSsh } from './client/connect';
import { execOnce, type ExecOptions, type ExecResult } from './client/exec';
import type { SshTarget } from './client/target';
import { registerExitCleanup } from './exit-cleanup';
import { freePort } from './free-port';
import { fingerprintSha256, generateKeyPair, knownHostsLines } from './keys';
import { terminateTree } from './process-tree';
import { renderSshdConfig } from './sshd-config';

/** Debian's OpenSSH server; sshd insists on an absolute path so it can re-exec itself. */
export const SSHD_PATH = '/usr/sbin/sshd';
const PRIVSEP_DIR = '/run/sshd';

/** A running throwaway sshd on 127.0.0.1 and everything needed to log in to it. */
export interface SshdHandle extends SshTarget {
  readonly host: '127.0.0.1';
  /** Temp folder holding keys, config, pid file and log; removed by `stop()`. */
  readonly dir: string;
  /** The authorized client public key line. */
  readonly publicKey: string;
  readonly hostPublicKey: string;
  /** `SHA256:…` fingerprint of the host key (what ssh-mcp's `trustedHostKey` pins). */
  readonly hostKeyFingerprint: string;
  readonly configPath: string;
  readonly logPath: string;
  readonly pid: number;
  /** Milliseconds from spawning sshd to the first authenticated login. */
  readonly readyMs: number;
  /** Runs a command over a fresh SSH connection. */
  run(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** sshd's log so far. */
  logs(): string;
  /** Kills sshd and every session it started, and removes the temp folder. Idempotent. */
  stop(): Promise<void>;
}

/** Tuning for `startSshd`. */
export interface SshdOptions {
  /** How long to wait for the first login before failing. Default 15 s. */
  readonly readyTimeoutMs?: number;
}

function ensurePrivsepDir(): void {
  if (existsSync(PRIVSEP_DIR)) return;
  try {
    mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new Error(
      `sshd needs its privilege-separation directory ${PRIVSEP_DIR} and it could not be created ` +
        `(${String(error)}). Create it once with: sudo mkdir -p ${PRIVSEP_DIR}`,
      { cause: error },
    );
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Resolves when sshd logs that it listens; rejects with its log if it exits first. */
function listening(child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`sshd did not start listening within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (): void => {
      if (!/Server listening on 127\.0\.0\.1 port/.test(log())) return;
      finish();
      resolve();
    };
    const onExit = (code: number | null, signal: string | null): void => {
      finish();
      reject(new Error(`sshd exited before listening (code ${String(code)}, signal ${String(signal)})`));
    };
    const finish = (): void => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

interface Launched {
  readonly child: ChildProcess;
  readonly port: number;
  readonly log: () => string;
  readonly readyMs: number;
}

async function launch(
  dir: string,
  user: string,
  hostPublicKey: string,
  deadlineMs: number,
): Promise<Launched> {
  const port = await freePort();
  const configPath = join(dir, 'sshd_config');
  const config = renderSshdConfig({
    port,
    user,
    hostKeyPath: join(dir, 'host_ed25519'),
    authorizedKeysPath: join(dir, 'authorized_keys'),
    pidFilePath: join(dir, 'sshd.pid'),
  });
  await writeFile(configPath, config, { mode: 0o600 });
  await writeFile(join(dir, 'known_hosts'), knownHostsLines('127.0.0.1', port, hostPublicKey), {
    mode: 0o600,
  });

  const started = Date.now();
  const child = spawn(SSHD_PATH, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const logFile = createWriteStream(join(dir, 'sshd.log'));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    logFile.write(chunk);
  });
  child.once('exit', () => logFile.end());
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`could not run ${SSHD_PATH}: ${error.message}`))),
  );
  const log = (): string => stderr;
  try {
    await Promise.race([listening(child, log, deadlineMs), spawnFailed]);
    const target: SshTarget = {
      host: '127.0.0.1',
      port,
      user,
      privateKeyPath: join(dir, 'id_ed25519'),
      knownHostsPath: join(dir, 'known_hosts'),
    };
    // Ready means a real login works: host key, user, key and config all checked at once.
    (await connectSsh(target, deadlineMs)).end();
  } catch (error) {
    child.kill('SIGKILL');
    await exited(child);
    const reason = error instanceof Error ? error.message : String(error);
    throw Object.assign(
      new Error(`${reason}\n--- sshd stderr ---\n${stderr}--- sshd_config ---\n${config}`),
      {
        addressInUse: stderr.includes('Address already in use'),
      },
    );
  }
  return { child, port, log, readyMs: Date.now() - started };
}

interface Prepared {
  readonly launched: Launched;
  readonly hostPublicKey: string;
  readonly publicKey: string;
}

/** Generates both key pairs, authorizes the client key, and launches sshd (retrying a port lost to a race). */
async function prepareAndLaunch(dir: string, user: string, readyTimeoutMs: number): Promise<Prepared> {
  const [host, client] = await Promise.all([
    generateKeyPair(join(dir, 'host_ed25519'), 'airlock-test-host'),
    generateKeyPair(join(dir, 'id_ed25519'), 'airlock-test-client'),
  ]);
  await writeFile(join(dir, 'authorized_keys'), `${client.publicKey}\n`, { mode: 0o600 });
  for (let attempt = 1; ; attempt++) {
    try {
      const launched = await launch(dir, user, host.publicKey, readyTimeoutMs);
      return { launched, hostPublicKey: host.publicKey, publicKey: client.publicKey };
    } catch (error) {
      // Another process may grab the free port between probing and binding; try a fresh one.
      const retry = attempt < 3 && (error as { addressInUse?: boolean }).addressInUse === true;
      if (!retry) throw error;
    }
  }
}

/**
 * Starts Debian's OpenSSH sshd on 127.0.0.1 (free port) with a throwaway host key and one authorized key,
 * logging in as the user running the tests. Throws loudly, with sshd's stderr, if it cannot start.
 */
export async function startSshd(options: SshdOptions = {}): Promise<SshdHandle> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  const user = userInfo().username;
  ensurePrivsepDir();
  const dir = await mkdtemp(join(tmpdir(), 'airlock-sshd-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const unregisterDir = registerExitCleanup(removeDir);
  let prepared: Prepared;
  try {
    prepared = await prepareAndLaunch(dir, user, readyTimeoutMs);
  } catch (error) {
    removeDir();
    unregisterDir();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start the test sshd: ${reason}`, { cause: error });
  }
  const { launched, hostPublicKey, publicKey } = prepared;

  const { child, port, log, readyMs } = launched;
  const pid = child.pid ?? -1;
  const killTree = (): void => terminateTree(pid, 2_000);
  const unregisterTree = registerExitCleanup(killTree);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      killTree();
      const grace = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(grace);
      unregisterTree();
      removeDir();
      unregisterDir();
    })();
    return stopping;
  };

  const target: SshTarget = {
    host: '127.0.0.1',
    port,
    user,
    privateKeyPath: join(dir, 'id_ed25519'),
    knownHostsPath: join(dir, 'known_hosts'),
  };
  return {
    ...target,
    host: '127.0.0.1',
    dir,
    publicKey,
    hostPublicKey,
    hostKeyFingerprint: fingerprintSha256(hostPublicKey),
    configPath: join(dir, 'sshd_config'),
    logPath: join(dir, 'sshd.log'),
    pid,
    readyMs,
    run: (command, runOptions) => execOnce(target, command, runOptions),
    logs: log,
    stop,
  };
}
