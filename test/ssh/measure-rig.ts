/**
 * Measures how long the SSH rig takes to start and stop: `npx tsx test/ssh/measure-rig.ts [runs]`.
 * Prints, per run, sshd spawn→first login, the whole startSshd() (keys, config, spawn, login) and stop().
 */
import { startSshd } from './sshd-harness';

const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`runs must be a positive integer, got ${process.argv[2] ?? ''}`);
const rows: { ready: number; start: number; stop: number }[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const sshd = await startSshd();
  const start = performance.now() - t0;
  const t1 = performance.now();
  await sshd.stop();
  rows.push({ ready: sshd.readyMs, start, stop: performance.now() - t1 });
}
const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
for (const [i, r] of rows.entries()) {
  console.log(
    `run ${i + 1}: sshd spawn→login ${r.ready} ms, startSshd ${r.start.toFixed(0)} ms, stop ${r.stop.toFixed(0)} ms`,
  );
}
console.log(
  `median of ${runs}: spawn→login ${median(rows.map((r) => r.ready))} ms, ` +
    `startSshd ${median(rows.map((r) => r.start)).toFixed(0)} ms, stop ${median(rows.map((r) => r.stop)).toFixed(0)} ms`,
);
