/** `npm run dist`'s packaging step says what it needs instead of failing with "command not found". */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/airlock-harness';

describe('scripts/dist.mjs', () => {
  it('exits 1 with the missing requirement named (Node 22.12+, then electron-builder)', () => {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'dist.mjs')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const oldNode = major < 22 || (major === 22 && minor < 12);
    expect(run.stderr).toMatch(
      oldNode
        ? /packaging needs Node\.js 22\.12 or later/
        : /electron-builder is not installed[\s\S]*npm install --no-save electron-builder/,
    );
  });
});
