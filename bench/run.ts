/**
 * `npm run bench`: every benchmark in one run, each against a baseline measured in the same run, then
 * every target with PASS or MISS. Select some with BENCH=proxy,memory,ssh,policy,history,approvals.
 * Shorter runs: BENCH_CALLS and BENCH_ROUNDS (proxy), BENCH_MEMORY_CALLS (default 1,000,000),
 * BENCH_SSH_CALLS, HISTORY_BENCH_CALLS (default 1,000,000). BENCH_CPU_PROF=DIR writes `--cpu-prof`
 * profiles of the core and the bridge; BENCH_CPU=user|system charges only that CPU time per call.
 */
import { printChecks, printResult, type BenchCheck, type BenchResult } from './bench-result';
import { runApprovalsBench } from './approvals-bench';
import { runHistoryBench } from './history-bench';
import { runMemoryBench } from './memory-bench';
import { runPolicyBench } from './policy-bench';
import { runProxyBench } from './proxy-bench';
import { runSshBench } from './ssh-bench';

const suites: Record<string, () => Promise<BenchResult>> = {
  proxy: runProxyBench,
  memory: runMemoryBench,
  ssh: runSshBench,
  policy: runPolicyBench,
  history: runHistoryBench,
  approvals: runApprovalsBench,
};

const selected = (process.env.BENCH ?? Object.keys(suites).join(',')).split(',').filter((s) => s in suites);
const checks: BenchCheck[] = [];
for (const name of selected) {
  const run = suites[name];
  if (!run) continue;
  try {
    const result = await run();
    printResult(result);
    checks.push(...(result.checks ?? []));
  } catch (error) {
    process.stdout.write(`\n== ${name}: FAILED — ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
if (checks.length > 0) printChecks(checks);
