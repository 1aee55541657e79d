// `npm start` (after the build): runs the desktop app when the Electron runtime is present; otherwise
// says so plainly and starts the same console in browser mode (`airlock serve --open`), which opens the
// console in the default browser where there is one and, where there is none (CI, no display), says so
// and leaves the printed link to the operator.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { electronBinary } from './electron-binary.mjs';

const root = new URL('..', import.meta.url).pathname;
const INSTALL_TIMEOUT_MS = 60_000;

function runInherit(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Whether the environment asks for no runtime download (Electron's own switch; CI sets it). */
const skipDownload = !['', '0', 'false'].includes(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '');

let electron = electronBinary();
if (electron.path === null && electron.pkgDir !== undefined && skipDownload) {
  electron = {
    path: null,
    reason: `${electron.reason}; ELECTRON_SKIP_BINARY_DOWNLOAD is set, so no download`,
  };
} else if (electron.path === null && electron.pkgDir !== undefined) {
  // One bounded attempt to fetch the runtime (it fails where there is no network).
  const attempt = spawnSync(process.execPath, [join(electron.pkgDir, 'install.js')], {
    cwd: root,
    timeout: INSTALL_TIMEOUT_MS,
    stdio: 'ignore',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  electron = electronBinary();
  if (electron.path === null) {
    const why = attempt.error
      ? attempt.error.message
      : attempt.status !== 0
        ? `download failed (exit ${attempt.status})`
        : electron.reason;
    electron = { path: null, reason: `${electron.reason}; one install attempt: ${why}` };
  }
}

if (electron.path !== null) {
  process.stdout.write('Starting the Airlock desktop app…\n');
  runInherit(electron.path, [root]);
} else {
  process.stdout.write(
    `Electron runtime not available on this machine (${electron.reason}); starting the console in browser mode instead.\n`,
  );
  // `airlock serve` prints "Console: <url>" with the one-time login link; --open hands it to the browser.
  runInherit(process.execPath, [
    join(root, 'bin', 'airlock.js'),
    'serve',
    '--open',
    ...process.argv.slice(2),
  ]);
}
