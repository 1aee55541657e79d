/** `npm run smoke:electron` needs the real Electron runtime; without it, it says so plainly and exits 1. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { processEnv, repoRoot } from '../support/airlock-harness';

describe('smoke:electron', () => {
  it('exits 1 with a plain explanation where the Electron runtime is missing', () => {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'smoke-electron.mjs')], {
      cwd: repoRoot,
      // Electron's own override: points the lookup at a folder with no binary, whatever this machine has.
      env: processEnv({ ELECTRON_OVERRIDE_DIST_PATH: join(repoRoot, 'dist', 'no-electron-here') }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /the Electron runtime is not available on this machine \(.*no-electron-here.* is missing\)/,
    );
    expect(run.stderr).toMatch(/npm run smoke:electron/);
    // It gave up before building or launching anything.
    expect(run.stdout).toBe('');
  });

  it('is an npm script, outside the test suite', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['smoke:electron']).toBe('node scripts/smoke-electron.mjs');
    expect(pkg.scripts.test).toBe('vitest run');
  });
});
