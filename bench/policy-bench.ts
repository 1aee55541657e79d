/**
 * Policy engine benchmark: time per `decide` (normalisation, bash parsing, evaluation, counter
 * reservation in a real WAL SQLite file) for a 1,000-rule policy and ~1 KB commands, against a trivial
 * policy with a short command measured in the same run. Standalone: `npx tsx bench/policy-bench.ts`
 * (add `node --expose-gc` to get the run with a forced collection between batches).
 *
 * Every measured command is distinct, so the headline figures never hit the analysis cache; the
 * repeated-command figures show what the cache does for identical retries. Analysis cost per size is
 * measured with the cache off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../shared/policy/default-policy';
import { parsePolicyValue } from '../shared/policy/parse';
import type { PolicyDocumentInput } from '../shared/policy/schema';
import { NO_ANALYSIS_CACHE } from '../electron/policy/command/analysis-cache';
import {
  createAnalyzer,
  initCommandAnalyzer,
  loadBashParser,
  type CommandAnalyzer,
} from '../electron/policy/command/analyzer';
import { createCounterStore } from '../electron/policy/counter-store';
import { createPolicyGate, type DecideInput, type PolicyGate } from '../electron/policy/gate';
import { createPinStore } from '../electron/policy/pin-store';
import { openPolicyDatabase } from '../electron/policy/policy-db';

/** One benchmark's figures. */
export interface BenchResult {
  name: string;
  figures: Record<string, number>;
  notes?: string[];
}

const WARMUP = 300;
const ITERATIONS = 3000;

/** Runs the policy benchmark. */
export async function runPolicyBench(): Promise<BenchResult> {
  const analyzer = await initCommandAnalyzer();
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
  const db = openPolicyDatabase(dir);
  try {
    const big = gateFor(bigPolicy(), db, analyzer);
    const small = gateFor({ version: 'airlock/1', default: 'allow' }, db, analyzer);
    const commands = Array.from({ length: WARMUP + ITERATIONS }, (_, i) => kilobyteCommand(i));
    const probe = big.decide(call(commands[0] ?? '', -1));
    // The measured path must be the full one: every rule considered, then an allow with a counter.
    if (probe.action !== 'allow') throw new Error(`bench call not allowed: ${probe.rule} ${probe.reason}`);
    big.onResult(probe.callId, false);
    const bigTimes = measure(big, (i) => call(commands[i] ?? 'true', i));
    const smallTimes = measure(small, (i) => call('uptime', i));
    const repeatTimes = measure(big, (i) => call(commands[0] ?? 'true', i));
    const gcTimes = gcBetweenBatches(big, (i) => call(`${commands[i] ?? 'true'} `, i));
    const uncached = createAnalyzer(await loadBashParser(), { cache: NO_ANALYSIS_CACHE });
    const bySize = (size: number, n: number): number[] => {
      const texts = Array.from({ length: n }, (_, i) => sizedCommand(i, size));
      return timeEach(n, (i) => uncached.analyze(texts[i] ?? 'true')).slice(Math.floor(n / 10));
    };
    const a100 = bySize(100, WARMUP + ITERATIONS);
    const a1k = bySize(1024, WARMUP + ITERATIONS);
    const a10k = bySize(10 * 1024, 600);
    const hit = timeEach(WARMUP + ITERATIONS, () => analyzer.analyze(commands[0] ?? 'true')).slice(WARMUP);
    const big50 = quantile(bigTimes, 0.5);
    const big99 = quantile(bigTimes, 0.99);
    const small50 = quantile(smallTimes, 0.5);
    const small99 = quantile(smallTimes, 0.99);
    return {
      name: 'policy',
      figures: {
        rules: bigPolicy().rules?.length ?? 0,
        command_bytes: commands[0]?.length ?? 0,
        decide_1000_rules_1kb_median_us: round(big50),
        decide_1000_rules_1kb_p90_us: round(quantile(bigTimes, 0.9)),
        decide_1000_rules_1kb_p99_us: round(big99),
        ...(gcTimes && {
          decide_gc_between_batches_median_us: round(quantile(gcTimes, 0.5)),
          decide_gc_between_batches_p90_us: round(quantile(gcTimes, 0.9)),
          decide_gc_between_batches_p99_us: round(quantile(gcTimes, 0.99)),
        }),
        decide_repeated_command_median_us: round(quantile(repeatTimes, 0.5)),
        decide_repeated_command_p99_us: round(quantile(repeatTimes, 0.99)),
        analyze_100b_median_us: round(quantile(a100, 0.5)),
        analyze_100b_p99_us: round(quantile(a100, 0.99)),
        analyze_1kb_median_us: round(quantile(a1k, 0.5)),
        analyze_1kb_p90_us: round(quantile(a1k, 0.9)),
        analyze_1kb_p99_us: round(quantile(a1k, 0.99)),
        analyze_10kb_median_us: round(quantile(a10k, 0.5)),
        analyze_10kb_p99_us: round(quantile(a10k, 0.99)),
        analyze_cache_hit_median_us: round(quantile(hit, 0.5)),
        baseline_trivial_median_us: round(small50),
        baseline_trivial_p99_us: round(small99),
        ratio_median: round(big50 / small50),
        ratio_p99: round(big99 / small99),
      },
      notes: [
        `${ITERATIONS} decisions after ${WARMUP} warm-up; every big-policy call reserves a counter in a WAL SQLite file`,
        'baseline: policy {default: allow}, command "uptime", same gate code and database',
        'every headline command is distinct (no analysis-cache hits); "repeated" decides one command again and again',
        'analyze_*: analysis alone with the cache off (parse + tree read + classification)',
        gcTimes
          ? `gc run: ${GC_BATCH}-call batches with a forced full GC between them (not timed)`
          : 'gc run skipped: start node with --expose-gc',
        'target: decide_1000_rules_1kb_p99_us < 200',
      ],
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function gateFor(
  doc: PolicyDocumentInput,
  db: ReturnType<typeof openPolicyDatabase>,
  analyzer: CommandAnalyzer,
): PolicyGate {
  const parsed = parsePolicyValue(doc);
  if (!parsed.ok) throw new Error(`bench policy invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const policy = parsed.compiled;
  return createPolicyGate({
    store: { active: () => policy },
    counters: createCounterStore(db),
    pins: createPinStore(db),
    analyzer,
  });
}

function call(command: string, i: number): DecideInput {
  return {
    sessionId: 'bench',
    callId: `c${i}`,
    serverName: 'lab',
    serverInfoName: 'SSH MCP Server',
    tool: 'run-command',
    arguments: { command, profile: 'local' },
  };
}

function measure(gate: PolicyGate, input: (i: number) => DecideInput): number[] {
  const times = timeEach(WARMUP + ITERATIONS, (i) => {
    const d = gate.decide(input(i));
    gate.onResult(d.callId, true);
  });
  return times.slice(WARMUP);
}

const GC_BATCH = 100;

/** The decide loop again, with a forced (untimed) full GC between batches; null without --expose-gc. */
function gcBetweenBatches(gate: PolicyGate, input: (i: number) => DecideInput): number[] | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const out: number[] = [];
  for (let start = 0; start < WARMUP + ITERATIONS; start += GC_BATCH) {
    gc();
    const batch = timeEach(GC_BATCH, (k) => {
      const d = gate.decide(input(start + k));
      gate.onResult(d.callId, true);
    });
    if (start >= WARMUP) out.push(...batch);
  }
  return out;
}

function timeEach(n: number, fn: (i: number) => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return out;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** ~1 KB of realistic shell: a pipeline, a list, a substitution, quoting. Distinct per index. */
function kilobyteCommand(i: number): string {
  const parts: string[] = [];
  let k = 0;
  while (parts.join(' && ').length < 1000) {
    parts.push(
      `grep -E "err(or)?_${i}_${k}" /var/log/app/service-${k}.log | sort | uniq -c | sort -rn | head -n ${5 + k} > /tmp/report-${i}-${k}.txt`,
      `echo "done $(date +%s) ${k}" >> /tmp/bench-${i}.log`,
    );
    k++;
  }
  return parts
    .join(' && ')
    .slice(0, 1024)
    .replace(/[&|>\s]+$/, '');
}

/** Distinct realistic shell of about `size` characters (the same shape as {@link kilobyteCommand}). */
function sizedCommand(i: number, size: number): string {
  const parts: string[] = [];
  for (let k = 0; parts.join(' && ').length < size; k++) {
    parts.push(
      `grep -E "err_${i}_${k}" /var/log/app/s-${k}.log | sort | uniq -c | head -n ${5 + k} > /tmp/r-${i}-${k}`,
      `echo "done $(date +%s) ${k}" >> /tmp/b-${i}.log`,
    );
  }
  return parts
    .join(' && ')
    .slice(0, size)
    .replace(/[&|>\s]+$/, '');
}

/** 1,000 rules: the default policy's deny rules plus generated rules over tools, args and commands. */
function bigPolicy(): PolicyDocumentInput {
  const rules: NonNullable<PolicyDocumentInput['rules']> = [
    ...(DEFAULT_POLICY.rules ?? []).filter((r) => r.action === 'deny'),
  ];
  for (let i = 0; rules.length < 999; i++) {
    switch (i % 5) {
      case 0:
        rules.push({
          id: `tool-${i}`,
          tool: `tool_${i}`,
          action: 'allow',
          when: [{ op: 'eq', field: 'args.mode', value: `m${i}` }],
        });
        break;
      case 1:
        rules.push({
          id: `deny-prog-${i}`,
          tool: 'run-command',
          action: 'deny',
          when: [{ op: 'command', quantifier: 'some', match: { program: [`tool${i}`, `bin${i}*`] } }],
        });
        break;
      case 2:
        rules.push({
          id: `ask-arg-${i}`,
          tool: ['run-command', 'read-command'],
          action: 'require_approval',
          when: [
            { op: 'command', quantifier: 'some', match: { program: ['grep'], argvContains: [`secret${i}`] } },
          ],
        });
        break;
      case 3:
        rules.push({
          id: `deny-host-${i}`,
          server: 'lab*',
          tool: '*',
          action: 'deny',
          when: [{ op: 'glob', field: 'ssh.host', value: `host-${i}.*` }],
        });
        break;
      default:
        rules.push({
          id: `allow-path-${i}`,
          tool: 'run-command',
          action: 'allow',
          when: [{ op: 'regex', field: 'args.path', value: `^/srv/app${i}/` }],
        });
    }
  }
  rules.push({
    id: 'allow-reporting',
    tool: 'run-command',
    action: 'allow',
    when: [
      {
        op: 'command',
        quantifier: 'every',
        match: { program: ['grep', 'sort', 'uniq', 'head', 'echo', 'date'] },
      },
    ],
    limits: [{ counter: 'reporting', window: 'minute', max: 1_000_000, scope: 'server' }],
  });
  return { version: 'airlock/1', default: 'require_approval', rules };
}

// Standalone only when run as this file (not when bundled into dist/bench/run.js).
if (/policy-bench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const result = await runPolicyBench();
  console.log(JSON.stringify(result, null, 2));
}
