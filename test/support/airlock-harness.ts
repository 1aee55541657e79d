/**
 * Starts a real `airlock serve` process with an isolated data folder, and builds the parameters an SDK
 * client needs to launch `airlock mcp` exactly as Claude Desktop would (a stdio child process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The `airlock` bin as users run it. */
export const airlockBin = join(repoRoot, 'bin', 'airlock.js');
/** The probe fixture server (built by the test setup). */
export const probeFixture = join(repoRoot, 'dist', 'test', 'fixtures', 'probe-fixture.js');
/** server-everything's stdio entry point. */
export const everythingServer = join(
  repoRoot,
  'node_modules',
  '@modelcontextprotocol',
  'server-everything',
  'dist',
  'index.js',
);

/** A running core. */
export interface AirlockCoreHandle {
  readonly dataDir: string;
  /** The console URL printed on stdout, when the browser console runs. */
  readonly consoleUrl: string | undefined;
  readonly process: ChildProcess;
  /** Client launch parameters for `airlock mcp --name LABEL -- COMMAND ARGS…`. */
  bridgeParams(
    label: string,
    command: string,
    args: string[],
    env?: Record<string, string>,
    flags?: string[],
  ): StdioServerParameters;
  /** Client launch parameters for `airlock mcp --server NAME`. */
  profileBridgeParams(name: string, env?: Record<string, string>): StdioServerParameters;
  /** Runs `airlock ARGS…` against this data folder and returns its output. */
  cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Everything the core wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, wait for exit; removes the data folder unless `keepData`. Idempotent. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Options for a test core. */
export interface StartOptions {
  /** Reuse a data folder (e.g. to test a restart); a fresh temp folder otherwise. */
  readonly dataDir?: string;
  /** Extra `airlock serve` flags. */
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  /** A policy document to start with (`airlock serve --policy`); the default policy otherwise. */
  readonly policy?: unknown;
}

/** A policy that allows every call: for tests about transport transparency rather than judgement. */
export const ALLOW_ALL_POLICY = { version: 'airlock/1', default: 'allow', rules: [] };

/** Makes a short temp folder (Unix socket paths are limited to ~104 bytes). */
export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'al-'));
}

/** This process's environment as plain strings, plus `extra`: what a launched bridge or server gets. */
export function processEnv(extra?: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, ...extra };
}

/** Runs the airlock CLI once. */
export function runCli(
  args: string[],
  env?: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [airlockBin, ...args], {
      env: processEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `airlock serve` and waits until it is ready to accept bridges. */
export async function startAirlockCore(options: StartOptions = {}): Promise<AirlockCoreHandle> {
  const dataDir = options.dataDir ?? makeDataDir();
  const policyArgs: string[] = [];
  if (options.policy !== undefined) {
    const file = join(dataDir, 'start-policy.json');
    writeFileSync(file, JSON.stringify(options.policy, null, 2));
    policyArgs.push('--policy', file);
  }
  const child = spawn(
    process.execPath,
    [airlockBin, 'serve', '--data-dir', dataDir, ...policyArgs, ...(options.args ?? [])],
    {
      env: processEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('Ready:')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`airlock serve did not become ready.\nstdout: ${stdout}\nstderr: ${stderr}`);
  }
  const consoleUrl = /Console: (\S+)/.exec(stdout)?.[1];
  let stopped: Promise<void> | undefined;
  const base = ['mcp', '--data-dir', dataDir];
  return {
    dataDir,
    consoleUrl,
    process: child,
    bridgeParams: (label, command, args, env, flags = []) => ({
      command: process.execPath,
      args: [airlockBin, ...base, '--name', label, ...flags, '--', command, ...args],
      env: processEnv(env),
      stderr: 'pipe',
    }),
    profileBridgeParams: (name, env) => ({
      command: process.execPath,
      args: [airlockBin, ...base, '--server', name],
      env: processEnv(env),
      stderr: 'pipe',
    }),
    cli: (args) => runCli(args, { AIRLOCK_DATA_DIR: dataDir }),
    stderr: () => stderr,
    stop(opts) {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }).then(() => {
        if (!opts?.keepData) rmSync(dataDir, { recursive: true, force: true });
      });
      return stopped;
    },
  };
}
