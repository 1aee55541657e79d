import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One benchmark's figures, printed by `npm run bench`. */
export interface BenchResult {
  readonly name: string;
  readonly figures: Record<string, number>;
  readonly notes?: string[];
}

/** The p-th percentile (nearest rank) of a sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Prints a result as an aligned table. */
export function printResult(result: BenchResult, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`\n== ${result.name}\n`);
  const width = Math.max(...Object.keys(result.figures).map((k) => k.length));
  for (const [key, value] of Object.entries(result.figures)) {
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 3 : 1);
    out.write(`  ${key.padEnd(width)}  ${shown}\n`);
  }
  for (const note of result.notes ?? []) out.write(`  note: ${note}\n`);
}

/** The repository root, whether run from source (tsx) or from dist/. */
export function repoRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root');
    dir = parent;
  }
  return dir;
}
