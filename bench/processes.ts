/**
 * The processes the proxy benchmarks run: `airlock serve` under a given policy, the bridge's command
 * line, and what `/proc` says about a process's memory and CPU. One copy for every suite.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../shared/policy/default-policy';
import { repoRoot } from './bench-result';

const root = repoRoot();

/** `bin/airlock.js`. */
export const airlockBin = join(root, 'bin', 'airlock.js');

/** server-everything's stdio entry point. */
export const everythingServer = join(
  root,
  'node_modules',
  '@modelcontextprotocol',
  'server-everything',
  'dist',
  'index.js',
);

/** Every call allowed: the proxy's own cost with the policy engine and history still on. */
export const ALLOW_ALL_POLICY = { version: 'airlock/1', default: 'allow', rules: [] };

/**
 * The default policy as shipped, with one rule in front that allows server-everything's `echo` (which
 * the default policy would hold for the operator as an unknown tool): every default rule is still
 * evaluated for every call.
 */
export const DEFAULT_POLICY_WITH_ECHO = {
  ...DEFAULT_POLICY,
  rules: [
    { id: 'bench-echo', action: 'allow', tool: 'echo', reason: 'benchmark tool' },
    ...(DEFAULT_POLICY.rules ?? []),
  ],
};

/** This process's environment as plain strings. */
export function processEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return out;
}

/** `BENCH_CPU_PROF=DIR` profiles the core and the bridge (`DIR/core`, `DIR/bridge`) for flame graphs. */
export function profileArgs(role: 'core' | 'bridge'): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, role)}`] : [];
}

/** The node arguments of `airlock mcp` relaying to `upstream` under `name`. */
export function bridgeArgs(dataDir: string, name: string, upstream: readonly string[]): string[] {
  return [
    ...profileArgs('bridge'),
    airlockBin,
    'mcp',
    '--data-dir',
    dataDir,
    '--name',
    name,
    '--',
    ...upstream,
  ];
}

/** Resident memory of a process in MB (NaN when it cannot be read). */
export function rssMb(pid: number | undefined | null): number {
  if (!pid) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms (NaN when it cannot be read). */
export function cpuMs(pid: number | undefined | null): number {
  if (!pid) return Number.NaN;
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of those.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks =
      process.env.BENCH_CPU === 'user'
        ? Number(fields[11])
        : process.env.BENCH_CPU === 'system'
          ? Number(fields[12])
          : Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/** The byte relay (bench/byte-relay.ts, built beside the benchmark): Airlock's process layout, parsing nothing. */
export const byteRelay = join(root, 'dist', 'bench', 'byte-relay.js');

/** A running `airlock serve`, or the byte relay's listening hop. */
export interface ServeProcess {
  readonly pid: number | undefined;
  /** Stops it and waits for the exit (so a `--cpu-prof` profile is written). */
  stop(): Promise<void>;
}

/**
 * Starts the byte relay's second hop on `socket` (where the core would listen), starting `upstream` for
 * each connection; `byteRelay connect SOCKET` is the first hop (where the bridge would be).
 */
export async function startRelayListener(socket: string, upstream: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [byteRelay, 'listen', socket, '--', ...upstream], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`byte relay exited (${String(code)})`)));
  });
  return {
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts `airlock serve --no-console` on `dataDir` with `policy` as its active policy. */
export async function startServe(dataDir: string, policy: object): Promise<ServeProcess> {
  const policyFile = join(dataDir, 'bench-policy.json');
  writeFileSync(policyFile, JSON.stringify(policy));
  const child = spawn(
    process.execPath,
    [
      ...profileArgs('core'),
      airlockBin,
      'serve',
      '--no-console',
      '--policy',
      policyFile,
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready:')) resolve();
    });
    child.once('exit', () => reject(new Error(`airlock serve exited: ${err}`)));
  });
  return {
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
