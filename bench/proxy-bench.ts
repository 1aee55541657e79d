/**
 * Proxy overhead: `tools/call` round trips to server-everything's `echo`, directly, through byte relays
 * that parse nothing (one hop, and two hops over a unix socket: Airlock's process layout, so its
 * structural floor), and through `airlock mcp` + `airlock serve` under the allow-all policy and under the
 * default policy, interleaved in the same run (direct, one-hop, two-hop, allow-all, default, three
 * rounds). Each round: 1,000 sequential calls, then 1,000 with 32 in flight. Figures are medians over the
 * rounds; ratios are taken within a round, since the machine is shared and absolute numbers drift. Plus
 * bridge start-up and the CPU each process spends per call.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atLeast, below, formatNumber, percentile, type BenchCheck, type BenchResult } from './bench-result';
import { connect, median, runLoad, type LoadRun, type LoadSpec } from './mcp-load';
import {
  airlockBin,
  ALLOW_ALL_POLICY,
  bridgeArgs,
  byteRelay,
  DEFAULT_POLICY_WITH_ECHO,
  everythingServer,
  processEnv,
  rssMb,
  startRelayListener,
  startServe,
  type ServeProcess,
} from './processes';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IN_FLIGHT = 32;

const spec: LoadSpec = {
  tool: 'echo',
  args: (i) => ({ message: `m${i}` }),
  calls: CALLS,
  inFlight: IN_FLIGHT,
  warmup: 50,
  check(result) {
    if ((result as { isError?: boolean }).isError) throw new Error(`echo failed: ${JSON.stringify(result)}`);
  },
};

/** Time from spawning `airlock mcp` to its answer, with no core running (pure bridge start-up). */
async function bridgeStartupMs(dataDir: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const child = spawn(
        process.execPath,
        [airlockBin, 'mcp', '--data-dir', join(dataDir, 'nocore'), '--name', 'x', '--', 'true'],
        { stdio: ['pipe', 'pipe', 'ignore'] },
      );
      child.stdout.once('data', () => {
        child.kill();
        resolve();
      });
      child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    });
    samples.push(performance.now() - t0);
  }
  return percentile(samples, 50);
}

interface Airlocked {
  readonly label: string;
  readonly dataDir: string;
  readonly serve: ServeProcess;
}

/** A relay measured as a floor: the client launches `args`; `listener` is its second hop, if any. */
interface Relay {
  readonly label: string;
  readonly args: readonly string[];
  readonly listener?: ServeProcess;
}

interface Round {
  readonly direct: LoadRun;
  readonly relays: Record<string, LoadRun>;
  readonly via: Record<string, LoadRun>;
  readonly rss: Record<string, { bridge: number; core: number }>;
}

const upstreamCommand = [process.execPath, everythingServer];

async function runRound(relays: readonly Relay[], airlocks: readonly Airlocked[]): Promise<Round> {
  const env = processEnv();
  const direct = await connect({
    command: process.execPath,
    args: [everythingServer],
    env,
    stderr: 'ignore',
  });
  const directRun = await runLoad(direct.client, spec, { server: direct.pid });
  await direct.close();
  const relayRuns: Record<string, LoadRun> = {};
  for (const r of relays) {
    const c = await connect({ command: process.execPath, args: [...r.args], env, stderr: 'ignore' });
    relayRuns[r.label] = await runLoad(c.client, spec, { first: c.pid, second: r.listener?.pid });
    await c.close();
  }
  const via: Record<string, LoadRun> = {};
  const rss: Round['rss'] = {};
  for (const a of airlocks) {
    const c = await connect({
      command: process.execPath,
      args: bridgeArgs(a.dataDir, 'everything', upstreamCommand),
      env,
      stderr: 'ignore',
    });
    via[a.label] = await runLoad(c.client, spec, { bridge: c.pid, core: a.serve.pid });
    rss[a.label] = { bridge: rssMb(c.pid), core: rssMb(a.serve.pid) };
    await c.close();
  }
  return { direct: directRun, relays: relayRuns, via, rss };
}

/** Runs the proxy benchmark. */
export async function runProxyBench(): Promise<BenchResult> {
  const airlocks: Airlocked[] = [];
  const relayDir = mkdtempSync(join(tmpdir(), 'al-relay-'));
  const relaySocket = join(relayDir, 'relay.sock');
  const listener = await startRelayListener(relaySocket, upstreamCommand);
  const relays: Relay[] = [
    { label: 'one-hop relay', args: [byteRelay, 'stdio', '--', ...upstreamCommand] },
    { label: 'two-hop relay', args: [byteRelay, 'connect', relaySocket], listener },
  ];
  try {
    for (const [label, policy] of [
      ['allow-all', ALLOW_ALL_POLICY],
      ['default', DEFAULT_POLICY_WITH_ECHO],
    ] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), 'al-bench-'));
      airlocks.push({ label, dataDir, serve: await startServe(dataDir, policy) });
    }
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r += 1) rounds.push(await runRound(relays, airlocks));
    const startup = await bridgeStartupMs(airlocks[0]?.dataDir ?? tmpdir());
    const d = (pick: (run: LoadRun) => number): number => median(rounds.map((x) => pick(x.direct)));
    const figures: Record<string, number> = {
      'direct p50 ms': d((x) => x.p50),
      'direct p99 ms': d((x) => x.p99),
      'direct sequential calls/s': d((x) => x.seqPerSec),
      'direct concurrent calls/s (32 in flight)': d((x) => x.concPerSec),
    };
    for (const { label, listener: second } of relays) {
      const runs = rounds.map((x) => x.relays[label]).filter((x): x is LoadRun => x !== undefined);
      const a = (pick: (run: LoadRun) => number): number => median(runs.map(pick));
      const ratio = (pick: (run: LoadRun) => number): number =>
        median(rounds.map((x) => (x.relays[label] ? pick(x.relays[label]) / pick(x.direct) : Number.NaN)));
      Object.assign(figures, {
        [`${label}: p50 ms`]: a((x) => x.p50),
        [`${label}: added median latency ms`]: median(
          rounds.map((x) => (x.relays[label]?.p50 ?? Number.NaN) - x.direct.p50),
        ),
        [`${label}: sequential calls/s`]: a((x) => x.seqPerSec),
        [`${label}: sequential throughput ratio`]: ratio((x) => x.seqPerSec),
        [`${label}: concurrent calls/s`]: a((x) => x.concPerSec),
        [`${label}: concurrent throughput ratio`]: ratio((x) => x.concPerSec),
        [`${label}: ${second ? 'first hop' : 'relay'} CPU ms per call`]: a(
          (x) => x.cpuPerCallMs.first ?? Number.NaN,
        ),
        ...(second
          ? { [`${label}: second hop CPU ms per call`]: a((x) => x.cpuPerCallMs.second ?? Number.NaN) }
          : {}),
      });
    }
    const floor = relays[relays.length - 1]?.label ?? '';
    const checks: BenchCheck[] = [];
    for (const { label } of airlocks) {
      const runs = rounds.map((x) => x.via[label]).filter((x): x is LoadRun => x !== undefined);
      const a = (pick: (run: LoadRun) => number): number => median(runs.map(pick));
      const ratio = (pick: (run: LoadRun) => number): number =>
        median(rounds.map((x) => (x.via[label] ? pick(x.via[label]) / pick(x.direct) : Number.NaN)));
      const ofFloor = (pick: (run: LoadRun) => number): number =>
        median(
          rounds.map((x) => {
            const via = x.via[label];
            const relay = x.relays[floor];
            return via && relay ? pick(via) / pick(relay) : Number.NaN;
          }),
        );
      const added = median(rounds.map((x) => (x.via[label]?.p50 ?? Number.NaN) - x.direct.p50));
      const seqRatio = ratio((x) => x.seqPerSec);
      const concRatio = ratio((x) => x.concPerSec);
      Object.assign(figures, {
        [`${label}: airlock p50 ms`]: a((x) => x.p50),
        [`${label}: airlock p99 ms`]: a((x) => x.p99),
        [`${label}: added median latency ms`]: added,
        [`${label}: sequential calls/s`]: a((x) => x.seqPerSec),
        [`${label}: sequential throughput ratio`]: seqRatio,
        [`${label}: concurrent calls/s`]: a((x) => x.concPerSec),
        [`${label}: concurrent throughput ratio`]: concRatio,
        [`${label}: sequential throughput vs ${floor}`]: ofFloor((x) => x.seqPerSec),
        [`${label}: concurrent throughput vs ${floor}`]: ofFloor((x) => x.concPerSec),
        [`${label}: core CPU ms per call`]: a((x) => x.cpuPerCallMs.core ?? Number.NaN),
        [`${label}: bridge CPU ms per call`]: a((x) => x.cpuPerCallMs.bridge ?? Number.NaN),
        [`${label}: bridge RSS MB`]: median(rounds.map((x) => x.rss[label]?.bridge ?? Number.NaN)),
        [`${label}: core RSS MB`]: median(rounds.map((x) => x.rss[label]?.core ?? Number.NaN)),
      });
      const base = (pick: (run: LoadRun) => number, unit: string): string =>
        `direct ${formatNumber(d(pick))}${unit}`;
      checks.push(
        atLeast(
          `echo, ${label} policy: concurrent throughput ratio`,
          concRatio,
          0.8,
          '',
          base((x) => x.concPerSec, ' calls/s'),
        ),
        atLeast(
          `echo, ${label} policy: sequential throughput ratio`,
          seqRatio,
          0.6,
          '',
          base((x) => x.seqPerSec, ' calls/s'),
        ),
        below(
          `echo, ${label} policy: added p50`,
          added,
          0.3,
          ' ms',
          base((x) => x.p50, ' ms p50'),
        ),
      );
    }
    figures['bridge start-up ms (p50, spawn to first answer)'] = startup;
    checks.push(below('bridge start-up (spawn to first answer)', startup, 1000, ' ms'));
    return {
      name: 'proxy (server-everything echo)',
      figures,
      checks,
      notes: [
        `${ROUNDS} interleaved rounds (direct, one-hop relay, two-hop relay, allow-all, default); each ${CALLS} sequential calls, then ${CALLS} with ${IN_FLIGHT} in flight; medians over rounds, ratios within a round`,
        'relays copy bytes and parse nothing: one hop = client → relay → upstream; two hops = client → relay → unix socket → relay → upstream, the layout of bridge and core (the floor Airlock can reach)',
        'default = the shipped default policy with one rule allowing echo in front (otherwise echo is held as an unknown tool)',
      ],
    };
  } finally {
    await listener.stop();
    rmSync(relayDir, { recursive: true, force: true });
    for (const a of airlocks) {
      await a.serve.stop();
      rmSync(a.dataDir, { recursive: true, force: true });
    }
  }
}
