import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the CLI, fixtures and renderer once per test run, so tests always exercise the current code
 * through the same compiled entry points users run. AIRLOCK_SKIP_BUILD=1 skips it when dist/ is fresh.
 */
export default function setup(): void {
  if (process.env.AIRLOCK_SKIP_BUILD === '1' && existsSync(`${root}/dist/electron/cli/main.js`)) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
