/**
 * Drives one MCP server (direct, or through Airlock) with an SDK client: sequential calls for latency
 * and throughput, then a fixed number of calls kept `inFlight` at a time, and the CPU the named
 * processes spent per call meanwhile.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, type StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { percentile } from './bench-result';
import { cpuMs } from './processes';

/** One measured run. */
export interface LoadRun {
  readonly p50: number;
  readonly p99: number;
  readonly seqPerSec: number;
  readonly concPerSec: number;
  /** CPU ms per call of each watched process over the whole run (sequential and concurrent). */
  readonly cpuPerCallMs: Readonly<Record<string, number>>;
}

/** What to call. */
export interface LoadSpec {
  readonly tool: string;
  readonly args: (i: number) => Record<string, unknown>;
  readonly calls: number;
  readonly inFlight: number;
  readonly warmup: number;
  /** Checks a result (e.g. that the policy did not deny it); throws to fail the run. */
  readonly check?: (result: unknown) => void;
}

/** A connected client, with the pid of the process it launched. */
export interface Connected {
  readonly client: Client;
  readonly pid: number | undefined;
  close(): Promise<void>;
}

/** Launches `params` and connects an SDK client to it. */
export async function connect(params: StdioServerParameters): Promise<Connected> {
  const transport = new StdioClientTransport(params);
  const client = new Client({ name: 'bench', version: '1' }, { capabilities: {} });
  await client.connect(transport);
  return { client, pid: transport.pid ?? undefined, close: () => client.close() };
}

/** Runs `spec` against `client`; `watch` names the processes whose CPU is charged per call. */
export async function runLoad(
  client: Client,
  spec: LoadSpec,
  watch: Readonly<Record<string, number | undefined>> = {},
): Promise<LoadRun> {
  const call = async (i: number): Promise<void> => {
    const result = await client.callTool({ name: spec.tool, arguments: spec.args(i) });
    spec.check?.(result);
  };
  for (let i = 0; i < spec.warmup; i += 1) await call(-1 - i);
  const cpuStart = Object.fromEntries(Object.entries(watch).map(([k, pid]) => [k, cpuMs(pid)]));
  const latencies: number[] = [];
  const seqStart = performance.now();
  for (let i = 0; i < spec.calls; i += 1) {
    const t0 = performance.now();
    await call(i);
    latencies.push(performance.now() - t0);
  }
  const seqMs = performance.now() - seqStart;
  const concStart = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < spec.calls) await call(spec.calls + next++);
  };
  await Promise.all(Array.from({ length: spec.inFlight }, worker));
  const concMs = performance.now() - concStart;
  const cpuPerCallMs = Object.fromEntries(
    Object.entries(watch).map(([k, pid]) => [k, (cpuMs(pid) - (cpuStart[k] ?? 0)) / (2 * spec.calls)]),
  );
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    seqPerSec: (spec.calls / seqMs) * 1000,
    concPerSec: (spec.calls / concMs) * 1000,
    cpuPerCallMs,
  };
}

/** The median of a list (NaN when empty). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
