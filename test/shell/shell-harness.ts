/**
 * Starts the real shell (run-shell.ts) with the real core in this process and a fake of Electron,
 * exactly as main.ts does with the real one, and stops it the way the operator does: Quit from the tray.
 */
import './no-electron-runtime';

import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runShell, type ShellStart } from '../../electron/shell/run-shell';
import { repoRoot } from '../support/airlock-harness';
import { createFakeElectron, type FakeElectron, type FakeElectronOptions } from './fake-electron';

/** A started shell and the fake it runs on. */
export interface ShellRun {
  readonly fake: FakeElectron;
  readonly start: ShellStart;
  /** A temp folder this run owns (use it as the data folder); removed by `stop`. */
  readonly dir: string;
  readonly stderr: string[];
  /** Stands in for `process` as the source of stop signals: `signals.emit('SIGTERM')`. */
  readonly signals: EventEmitter;
  /** The core, when the shell is running; throws otherwise. */
  readonly running: () => Extract<ShellStart, { kind: 'running' }>;
  /** Quits like the tray does (when still running), waits for the exit and removes the folder. */
  stop(): Promise<void>;
}

/** What a test changes about the start. */
export interface ShellRunOptions extends Partial<FakeElectronOptions> {
  readonly platform?: NodeJS.Platform;
  /** The environment, given the run's temp folder; empty by default. */
  readonly env?: (dir: string) => NodeJS.ProcessEnv;
}

/** Starts the shell with the app arguments `args(dir)` (given the run's temp folder). */
export async function startShell(
  args: (dir: string) => string[],
  options: ShellRunOptions = {},
): Promise<ShellRun> {
  const dir = mkdtempSync(join(tmpdir(), 'al-'));
  const fake = createFakeElectron({ appRoot: repoRoot, ...options });
  const stderr: string[] = [];
  const signals = new EventEmitter();
  let start: ShellStart;
  try {
    start = await runShell(fake.api, {
      // As Electron's development runtime starts an app: `electron APP_PATH ARGS…`.
      argv: ['electron', join(repoRoot, 'dist', 'electron-main', 'main.js'), ...args(dir)],
      env: options.env?.(dir) ?? {},
      platform: options.platform ?? 'linux',
      preload: join(repoRoot, 'dist', 'electron-main', 'preload.cjs'),
      rendererDir: join(repoRoot, 'dist', 'renderer'),
      stderr: (text) => stderr.push(text),
      signals,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    fake,
    start,
    dir,
    signals,
    stderr,
    running: () => {
      if (start.kind !== 'running') throw new Error(`the shell is not running (${start.kind})`);
      return start;
    },
    stop() {
      stopped ??= (async () => {
        if (start.kind === 'running' && fake.exitCode() === undefined)
          fake.trays[0]?.clickMenuItem('Quit Airlock');
        if (start.kind === 'running') await fake.exited;
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
