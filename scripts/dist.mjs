// `npm run dist` (after the build): packages the desktop app with electron-builder when it is installed;
// otherwise says plainly what is missing and how to get it, and exits 1. electron-builder is not a
// dependency: it downloads Electron runtimes and signing tools, which the test machines cannot.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `airlock: packaging needs Node.js 22.12 or later (Electron 45's tooling); this is ${process.version}.\n`,
  );
  process.exit(1);
}
let cli;
try {
  cli = require.resolve('electron-builder/cli.js');
} catch {
  process.stderr.write(
    'airlock: electron-builder is not installed. Install it for this checkout with\n' +
      '  npm install --no-save electron-builder\n' +
      'then run `npm run dist` again (it downloads the Electron runtime for the target platform).\n',
  );
  process.exit(1);
}
const run = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
