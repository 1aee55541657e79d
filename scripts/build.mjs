// Builds every Node-side entry point with esbuild (fast, one pass) and the renderer with Vite.
// Usage: node scripts/build.mjs [--no-renderer]
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const skipRenderer = process.argv.includes('--no-renderer');

/** Entry points found by convention, so new fixtures and benches need no build edits. */
function entries(dir, pattern) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
}

const node = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  splitting: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __airlockCreateRequire } from 'node:module'; const require = __airlockCreateRequire(import.meta.url);",
  },
};

await build({
  ...node,
  entryPoints: [
    'electron/cli/main.ts',
    ...entries('test/fixtures', /-fixture\.ts$/),
    ...entries('bench', /^(run|byte-relay)\.ts$/),
  ].filter((e) => existsSync(join(root, e))),
  outdir: 'dist',
  outbase: '.',
  entryNames: '[dir]/[name]',
  absWorkingDir: root,
});
if (existsSync(join(root, 'electron/shell/main.ts'))) {
  await build({
    ...node,
    splitting: false,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron-main/main.js',
    external: ['electron'],
    absWorkingDir: root,
  });
}
if (existsSync(join(root, 'electron/shell/preload.ts'))) {
  // A sandboxed preload can only require('electron'): one CommonJS file, nothing else.
  await build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: {},
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'dist/electron-main/preload.cjs',
    external: ['electron'],
    absWorkingDir: root,
    logLevel: 'warning',
  });
}
if (!skipRenderer && existsSync(join(root, 'renderer/index.html'))) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
