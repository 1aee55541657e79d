// `npm run smoke:electron`: starts the real desktop app in the real Electron runtime (playwright-core's
// `_electron.launch`) and checks what the fake-Electron tests cannot: the window loads app://console with
// Node kept out of the page, IPC answers through the preload, --background opens no window, and quitting
// ends the core. Needs the Electron binary (and a display); where it is missing it says so and exits 1.
// Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { electronBinary } from './electron-binary.mjs';

const root = new URL('..', import.meta.url).pathname;
const LAUNCH_TIMEOUT_MS = 30_000;

function fail(message) {
  process.stderr.write(`smoke:electron: FAILED: ${message}\n`);
  process.exitCode = 1;
}

async function waitFor(check, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} (waited ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Launches the app with `args`, runs `checks(app, dataDir)`, then quits it and checks the core ended. */
async function withApp(electron, binary, args, checks) {
  const dataDir = mkdtempSync(join(tmpdir(), 'al-smoke-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [root, '--data-dir', dataDir, ...args],
    timeout: LAUNCH_TIMEOUT_MS,
  });
  try {
    const socket = join(dataDir, 'airlock.sock');
    await waitFor(() => existsSync(socket), `the core's socket in ${dataDir}`, LAUNCH_TIMEOUT_MS);
    await checks(app, dataDir);
    const exited = new Promise((resolve) => app.process().once('exit', (code) => resolve(code)));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    const code = await exited;
    if (code !== 0) throw new Error(`the app exited with ${code} after Quit`);
    if (existsSync(socket)) throw new Error('the core left its socket behind after Quit');
  } finally {
    if (app.process().exitCode === null) await app.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const electron = electronBinary();
if (electron.path === null) {
  process.stderr.write(
    `smoke:electron: the Electron runtime is not available on this machine (${electron.reason}).\n` +
      'This smoke test runs the real desktop app and needs it: install it with `node node_modules/electron/install.js`\n' +
      '(network access), then run `npm run smoke:electron` again. The fake-Electron tests (npx vitest run test/shell) need no runtime.\n',
  );
  process.exit(1);
}

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) {
  fail('the build failed');
  process.exit(1);
}

const { _electron } = await import('playwright-core');
try {
  await withApp(_electron, electron.path, [], async (app) => {
    const page = await app.firstWindow({ timeout: LAUNCH_TIMEOUT_MS });
    await page.waitForLoadState('domcontentloaded');
    if (page.url() !== 'app://console/index.html') throw new Error(`the window shows ${page.url()}`);
    const exposure = await page.evaluate(() => ({
      require: typeof globalThis.require,
      process: typeof globalThis.process,
      api: typeof globalThis.airlock,
    }));
    if (exposure.require !== 'undefined' || exposure.process !== 'undefined')
      throw new Error(`Node is reachable from the page: ${JSON.stringify(exposure)}`);
    if (exposure.api !== 'object') throw new Error('the preload API is missing from the page');
    const queue = await page.evaluate(() => globalThis.airlock.listQueue());
    if (!Array.isArray(queue.items)) throw new Error(`IPC did not answer: ${JSON.stringify(queue)}`);
    process.stdout.write('smoke:electron: window, isolation and IPC — ok\n');
  });
  await withApp(_electron, electron.path, ['--background'], async (app) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    if (app.windows().length !== 0) throw new Error('--background opened a window');
    process.stdout.write('smoke:electron: --background starts the core without a window — ok\n');
  });
  process.stdout.write('smoke:electron: passed\n');
} catch (error) {
  fail(`${error.message}\n(on Linux without a display, run it under xvfb-run)`);
}
