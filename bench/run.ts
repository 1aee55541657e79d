/**
 * `npm run bench`: every benchmark in one run, each against a baseline measured in the same run.
 * Select some with BENCH=proxy,policy,history,approvals.
 */
import { printResult, type BenchResult } from './bench-result';
import { runApprovalsBench } from './approvals-bench';
import { runHistoryBench } from './history-bench';
import { runPolicyBench } from './policy-bench';
import { runProxyBench } from './proxy-bench';

const suites: Record<string, () => Promise<BenchResult>> = {
  proxy: runProxyBench,
  policy: runPolicyBench,
  history: runHistoryBench,
  approvals: runApprovalsBench,
};

const selected = (process.env.BENCH ?? Object.keys(suites).join(',')).split(',').filter((s) => s in suites);
for (const name of selected) {
  const run = suites[name];
  if (!run) continue;
  try {
    printResult(await run());
  } catch (error) {
    process.stdout.write(`\n== ${name}: FAILED — ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
