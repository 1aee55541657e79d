/**
 * Finds the built renderer (dist/renderer) from wherever the bundled code runs: the CLI bundle, its
 * split chunks, or the Electron main bundle all live at different depths under dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the renderer's index.html; throws with the fix when it has not been built. */
export function findRendererDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let depth = 0; depth < 6; depth++) {
    for (const candidate of [join(dir, 'renderer'), join(dir, 'dist', 'renderer')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error('The console has not been built (dist/renderer is missing): run `npm run build`.');
}
