/**
 * Approval latency: how fast a held call reaches the operator, and how fast a decision reaches the upstream
 * and the client. The Airlock core runs in this process (the bench is the operator, deciding through the
 * broker as the console does); a real SDK client launches the real `airlock mcp` bridge in front of the probe
 * upstream. Measured over held calls one at a time, with an allowed call's round trip as the same-run
 * baseline. Standalone: `npx tsx bench/approvals-bench.ts` (needs `dist/`: `node scripts/build.mjs --no-renderer`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startAirlock, type Airlock } from '../electron/core/airlock';
import type { ApprovalItem } from '../shared/approvals/types';
import { percentile, printResult, repoRoot, type BenchResult } from './bench-result';

/** Options for a run. */
export interface ApprovalsBenchOptions {
  /** Held calls measured (after warm-up). Default 200, or BENCH_APPROVALS. */
  readonly heldCalls?: number;
  /** Allowed calls measured for the baseline. Default 200. */
  readonly baselineCalls?: number;
}

/** Allowed calls (`message` starting `base-`) are the baseline; every other call is held. */
const POLICY = {
  version: 'airlock/1',
  default: 'require_approval',
  rules: [
    {
      id: 'baseline',
      tool: 'echo',
      action: 'allow',
      when: [{ op: 'regex', field: 'args.message', value: '^base-' }],
    },
  ],
};
const WARMUP = 20;

interface HeldSample {
  readonly toAdded: number;
  readonly toNotification: number;
  readonly toForwarded: number;
  readonly toResult: number;
}

function env(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Watches the broker and the event stream, timestamping what one held call goes through. */
class Stopwatch {
  private added: ((at: number, item: ApprovalItem) => void) | null = null;
  private notified: ((at: number) => void) | null = null;
  private readonly forwardedAt = new Map<string, number>();
  private readonly stops: (() => void)[] = [];

  constructor(airlock: Airlock) {
    this.stops.push(
      airlock.broker.subscribe((change) => {
        if (change.type === 'added') this.added?.(performance.now(), change.item);
      }),
      airlock.broker.onNotification(() => this.notified?.(performance.now())),
      airlock.core.events.subscribe((event) => {
        if (event.type === 'call.forwarded') this.forwardedAt.set(event.callId, performance.now());
      }),
    );
  }

  /** Resolves when the next item is added (with its time) and its notification is announced. */
  nextHold(): Promise<{ item: ApprovalItem; addedAt: number; notifiedAt: number }> {
    const added = new Promise<{ item: ApprovalItem; addedAt: number }>((resolve) => {
      this.added = (addedAt, item) => resolve({ item, addedAt });
    });
    const notified = new Promise<number>((resolve) => {
      this.notified = resolve;
    });
    return Promise.all([added, notified]).then(([a, notifiedAt]) => ({ ...a, notifiedAt }));
  }

  forwarded(callId: string): number | undefined {
    return this.forwardedAt.get(callId);
  }

  stop(): void {
    for (const stop of this.stops) stop();
  }
}

async function heldCall(
  client: Client,
  airlock: Airlock,
  watch: Stopwatch,
  message: string,
): Promise<HeldSample> {
  const hold = watch.nextHold();
  const sentAt = performance.now();
  const call = client.callTool({ name: 'echo', arguments: { message } });
  const { item, addedAt, notifiedAt } = await hold;
  const decidedAt = performance.now();
  const decided = airlock.broker.decide({
    id: item.id,
    digest: item.digest,
    decision: { kind: 'approve', scope: 'once' },
  });
  if (!decided.ok) throw new Error(`decision refused: ${decided.message}`);
  const result = await call;
  const resultAt = performance.now();
  const text = (result.content as { type: string; text?: string }[])[0]?.text;
  if (text !== JSON.stringify({ message }))
    throw new Error(`unexpected result for ${message}: ${String(text)}`);
  const forwardedAt = watch.forwarded(item.callId);
  if (forwardedAt === undefined) throw new Error(`no call.forwarded for ${message}`);
  return {
    toAdded: addedAt - sentAt,
    toNotification: notifiedAt - sentAt,
    toForwarded: forwardedAt - decidedAt,
    toResult: resultAt - decidedAt,
  };
}

/** Runs the approvals benchmark. */
export async function runApprovalsBench(options: ApprovalsBenchOptions = {}): Promise<BenchResult> {
  const heldCalls = options.heldCalls ?? Number(process.env.BENCH_APPROVALS ?? 200);
  const baselineCalls = options.baselineCalls ?? 200;
  const root = repoRoot();
  const bin = join(root, 'bin', 'airlock.js');
  const probe = join(root, 'dist', 'test', 'fixtures', 'probe-fixture.js');
  if (!existsSync(probe) || !existsSync(join(root, 'dist', 'electron', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `node scripts/build.mjs --no-renderer` first');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'al-'));
  let airlock: Airlock | undefined;
  let client: Client | undefined;
  let watch: Stopwatch | undefined;
  try {
    airlock = await startAirlock({
      dataDir,
      console: false,
      startPolicy: { text: JSON.stringify(POLICY), source: 'approvals-bench' },
    });
    watch = new Stopwatch(airlock);
    client = new Client({ name: 'approvals-bench', version: '1' }, { capabilities: {} });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [bin, 'mcp', '--data-dir', dataDir, '--name', 'probe', '--', process.execPath, probe],
        env: env(),
        stderr: 'ignore',
      }),
    );
    await client.listTools();

    for (let i = 0; i < WARMUP; i += 1) {
      await client.callTool({ name: 'echo', arguments: { message: `base-warm-${i}` } });
      await heldCall(client, airlock, watch, `held-warm-${i}`);
    }
    const baseline: number[] = [];
    for (let i = 0; i < baselineCalls; i += 1) {
      const t0 = performance.now();
      await client.callTool({ name: 'echo', arguments: { message: `base-${i}` } });
      baseline.push(performance.now() - t0);
    }
    const samples: HeldSample[] = [];
    for (let i = 0; i < heldCalls; i += 1) samples.push(await heldCall(client, airlock, watch, `held-${i}`));

    const figure = (pick: (s: HeldSample) => number, p: number): number => percentile(samples.map(pick), p);
    const baseP50 = percentile(baseline, 50);
    return {
      name: 'approvals (held calls through airlock mcp + probe)',
      figures: {
        'baseline allowed round trip p50 ms': baseP50,
        'baseline allowed round trip p99 ms': percentile(baseline, 99),
        'arrival -> queue added p50 ms': figure((s) => s.toAdded, 50),
        'arrival -> queue added p99 ms': figure((s) => s.toAdded, 99),
        'arrival -> notification p50 ms': figure((s) => s.toNotification, 50),
        'arrival -> notification p99 ms': figure((s) => s.toNotification, 99),
        'decide -> call.forwarded p50 ms': figure((s) => s.toForwarded, 50),
        'decide -> call.forwarded p99 ms': figure((s) => s.toForwarded, 99),
        'decide -> client result p50 ms': figure((s) => s.toResult, 50),
        'decide -> client result p99 ms': figure((s) => s.toResult, 99),
        'held calls': samples.length,
        'baseline calls': baseline.length,
      },
      notes: [
        'targets: arrival -> queue event < 100 ms; decide -> upstream (call.forwarded) and -> client result < 20 ms',
        'arrival is timed from the client sending tools/call; one held call at a time; core and client share this process',
        `load average at the end: ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')} on ${availableParallelism()} cores`,
      ],
    };
  } finally {
    watch?.stop();
    await client?.close();
    await airlock?.shutdown();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const invoked = process.argv[1] ?? '';
if (/approvals-bench\.(ts|js)$/.test(invoked)) {
  runApprovalsBench().then(
    (result) => printResult(result),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
