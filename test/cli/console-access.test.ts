/**
 * Reaching the browser console from the command line, with real processes: `airlock console-url` and
 * `airlock open` against a running `airlock serve` (over its control socket), without one, and without a
 * browser; the remembered port and a taken port; `npm start`'s start script where no browser can open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  airlockBin,
  makeDataDir,
  repoRoot,
  startAirlockCore,
  type AirlockCoreHandle,
} from '../support/airlock-harness';
import { waitFor } from '../support/wait';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This environment without anything that could open a real browser, plus `extra`. */
function noBrowserEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !['DISPLAY', 'WAYLAND_DISPLAY', 'BROWSER'].includes(key)) env[key] = value;
  return { ...env, ...extra };
}

/** Runs `airlock ARGS…` with exactly `env`. */
function airlock(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [airlockBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** GET without following redirects. */
async function get(url: string, cookie?: string): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } });
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function portOf(url: string | undefined): number {
  return Number(new URL(url ?? 'http://x').port);
}

describe('airlock console-url and airlock open', { timeout: 60_000 }, () => {
  let core: AirlockCoreHandle;
  let scratch: string;

  beforeAll(async () => {
    core = await startAirlockCore();
    scratch = makeDataDir();
  });
  afterAll(async () => {
    await core.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('prints a fresh single-use login link for the running core', async () => {
    const env = noBrowserEnv({ AIRLOCK_DATA_DIR: core.dataDir });
    const first = await airlock(['console-url'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const url = first.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(portOf(url)).toBe(portOf(core.consoleUrl));
    const second = await airlock(['console-url'], env);
    expect(second.stdout.trim()).not.toBe(url); // a fresh link each time

    const login = await get(url);
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    // The default lifetime is 12 hours, and the cookie says so.
    expect(cookie).toMatch(/^airlock_console=[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    const session = await get(new URL('/api/session', url).href, cookie.split(';')[0]);
    expect(session.status).toBe(204);

    // Spent: the second use gets a page that says so and what to do.
    const again = await get(url);
    expect(again.status).toBe(403);
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await again.text();
    expect(page).toContain('This login link was already used');
    expect(page).toContain('airlock console-url');
  });

  it('keeps only a hash of each login on disk', async () => {
    const url = (await airlock(['console-url'], noBrowserEnv({ AIRLOCK_DATA_DIR: core.dataDir }))).stdout;
    const login = await get(url.trim());
    const id = /airlock_console=([\w-]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(id).not.toBe('');
    const file = readFileSync(join(core.dataDir, 'console-sessions.json'), 'utf8');
    expect(file).not.toContain(id);
    const { createHash } = await import('node:crypto');
    expect(file).toContain(createHash('sha256').update(id).digest('hex'));
  });

  it('opens the link with $BROWSER and says so', async () => {
    const opened = join(scratch, 'opened.txt');
    const opener = join(scratch, 'fake-browser.sh');
    writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(opener, 0o700);
    const result = await airlock(['open'], noBrowserEnv({ AIRLOCK_DATA_DIR: core.dataDir, BROWSER: opener }));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Opened the console in the default browser (${opener}).\n`);
    const url = readFileSync(opened, 'utf8');
    expect((await get(url)).status).toBe(303);
  });

  it('says plainly when no browser can be opened, prints the link and exits 1', async () => {
    const result = await airlock(['open'], noBrowserEnv({ AIRLOCK_DATA_DIR: core.dataDir }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^airlock open: cannot open a browser here: no graphical display .*Open this link yourself/,
    );
    const url = result.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect((await get(url)).status).toBe(303);
  });

  it('reports an opener that fails', async () => {
    const result = await airlock(
      ['open'],
      noBrowserEnv({ AIRLOCK_DATA_DIR: core.dataDir, BROWSER: '/bin/false' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot open a browser here: \/bin\/false failed \(exit 1\)/);
  });

  it('fails clearly, exit 1, when no core runs for the data folder', async () => {
    const empty = join(scratch, 'nobody-home');
    mkdirSync(empty);
    for (const command of ['console-url', 'open']) {
      const result = await airlock([command, '--data-dir', empty], noBrowserEnv());
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `airlock ${command}: no Airlock core is running for the data folder ${empty}. ` +
          'Start it with `airlock serve` (or `npm start`), then try again.\n',
      );
    }
  });

  it('fails clearly when the core runs without the browser console', async () => {
    const headless = await startAirlockCore({ args: ['--no-console'] });
    try {
      const result = await airlock(['console-url'], noBrowserEnv({ AIRLOCK_DATA_DIR: headless.dataDir }));
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'airlock console-url: the Airlock core refused: this core runs without the browser console (--no-console)\n',
      );
    } finally {
      await headless.stop();
    }
  });
});

describe('a stable console port', { timeout: 60_000 }, () => {
  let blocker: Server | undefined;
  afterAll(async () => {
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  });

  it('listens on --port N and returns there on the next start without --port', async () => {
    const port = await freePort();
    const first = await startAirlockCore({ args: ['--port', String(port)] });
    expect(portOf(first.consoleUrl)).toBe(port);
    await first.stop({ keepData: true });
    const second = await startAirlockCore({ dataDir: first.dataDir });
    try {
      expect(portOf(second.consoleUrl)).toBe(port);
    } finally {
      await second.stop();
    }
  });

  it('remembers the port picked on a first start without --port', async () => {
    const first = await startAirlockCore();
    const port = portOf(first.consoleUrl);
    await first.stop({ keepData: true });
    const second = await startAirlockCore({ dataDir: first.dataDir });
    try {
      expect(portOf(second.consoleUrl)).toBe(port);
    } finally {
      await second.stop();
    }
  });

  it('names a taken port and what to do, exit 1, leaving nothing behind', async () => {
    const server = createServer();
    blocker = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const dataDir = makeDataDir();
    try {
      const result = await airlock(['serve', '--data-dir', dataDir, '--port', String(port)], noBrowserEnv());
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `airlock serve: the browser console cannot start: port ${port} on 127.0.0.1 is already in use`,
      );
      expect(result.stderr).toContain('choose another port with --port N');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dataDir, 'airlock.sock'))).toBe(false); // the half-started core is gone

      // The same port remembered from an earlier start says where it came from.
      writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ settings: { consolePort: port } }), {
        mode: 0o600,
      });
      const remembered = await airlock(['serve', '--data-dir', dataDir], noBrowserEnv());
      expect(remembered.code).toBe(1);
      expect(remembered.stderr).toContain(`port ${port} is the one remembered from the last start`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start where no browser can be opened', { timeout: 60_000 }, () => {
  let child: ChildProcess | undefined;
  const dataDir = makeDataDir();
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it cannot open a browser, prints the link, and serves it', async () => {
    // No display, no $BROWSER, no Electron download: the CI case.
    const started = spawn(
      process.execPath,
      [join(repoRoot, 'scripts', 'start.mjs'), '--data-dir', dataDir, '--port', '0'],
      { env: noBrowserEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    let stdout = '';
    started.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    await waitFor(() => stdout.includes('Cannot open a browser here'), 30_000, 'the start script’s notice');
    expect(stdout).toContain('Electron runtime not available');
    expect(stdout).toMatch(
      /Cannot open a browser here: no graphical display \(.*\)\. Open the Console link above yourself/,
    );
    const url = /Console: (\S+)/.exec(stdout)?.[1] ?? '';
    expect((await get(url)).status).toBe(303);
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    started.kill('SIGTERM'); // the script hands the signal to airlock serve, which shuts down cleanly
    expect(await exited).toBe(0);
  });
});
