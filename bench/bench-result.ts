import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A figure held against its target: printed with PASS or MISS and the baseline it was measured against. */
export interface BenchCheck {
  readonly what: string;
  /** The measured figure, formatted with its unit. */
  readonly value: string;
  /** The target as text, e.g. `>= 0.8`. */
  readonly target: string;
  readonly pass: boolean;
  /** What the figure was measured against in the same run, e.g. `direct 10,890 calls/s`. */
  readonly baseline?: string;
}

/** One benchmark's figures, printed by `npm run bench`. */
export interface BenchResult {
  readonly name: string;
  readonly figures: Record<string, number>;
  readonly checks?: readonly BenchCheck[];
  readonly notes?: string[];
}

/** A check that `value` is at least `min`. */
export function atLeast(what: string, value: number, min: number, unit = '', baseline?: string): BenchCheck {
  return check(what, value, `>= ${min}${unit}`, value >= min, unit, baseline);
}

/** A check that `value` is below `max`. */
export function below(what: string, value: number, max: number, unit = '', baseline?: string): BenchCheck {
  return check(what, value, `< ${max}${unit}`, value < max, unit, baseline);
}

function check(
  what: string,
  value: number,
  target: string,
  pass: boolean,
  unit: string,
  baseline: string | undefined,
): BenchCheck {
  return { what, value: `${formatNumber(value)}${unit}`, target, pass, ...(baseline ? { baseline } : {}) };
}

/** A number as the tables print it: integers whole, small values with three decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(Math.abs(value) < 10 ? 3 : 1);
}

/** Prints every check of a run as one block, so the whole run's verdicts read in one place. */
export function printChecks(
  checks: readonly BenchCheck[],
  out: NodeJS.WritableStream = process.stdout,
): void {
  out.write(`\n== targets (${checks.filter((c) => c.pass).length} of ${checks.length} met)\n`);
  for (const c of checks) out.write(`  ${checkLine(c)}\n`);
}

function checkLine(c: BenchCheck): string {
  const baseline = c.baseline ? `; baseline ${c.baseline}` : '';
  return `${c.pass ? 'PASS' : 'MISS'}  ${c.what}: ${c.value} (target ${c.target}${baseline})`;
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
    out.write(`  ${key.padEnd(width)}  ${formatNumber(value)}\n`);
  }
  for (const c of result.checks ?? []) out.write(`  ${checkLine(c)}\n`);
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
