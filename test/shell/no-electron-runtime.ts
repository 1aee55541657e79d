/**
 * Import first in any test that loads the shell. electron-store imports `electron`, whose Node entry
 * tries to download the runtime when it is missing (no network here); pointing it at a dist folder makes
 * that import what it is in any plain Node process — the executable's path — without a download.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'airlock-no-electron-runtime');
