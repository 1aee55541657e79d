// Where the Electron runtime binary is, for `npm start` and `npm run smoke:electron` alike.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The Electron binary as `{ path }`, or `{ path: null, reason, pkgDir? }` saying why there is none
 * (`pkgDir` when the package is installed but its runtime is not, so a caller may try its installer).
 * Honours ELECTRON_OVERRIDE_DIST_PATH as the electron package itself does.
 */
export function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : override ? 'electron' : null;
  if (name === null) {
    return {
      path: null,
      reason: 'its binary was never downloaded (node_modules/electron/path.txt is missing)',
      pkgDir,
    };
  }
  const binary = join(override ?? join(pkgDir, 'dist'), name);
  return existsSync(binary) ? { path: binary } : { path: null, reason: `${binary} is missing`, pkgDir };
}
