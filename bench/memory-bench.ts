/**
 * Memory over a long run: BENCH_MEMORY_CALLS (default 1,000,000) `echo` calls through `airlock mcp` +
 * `airlock serve` (allow-all policy, history on), 64 in flight, driven at the wire level (no SDK client,
 * so the driver is not the bottleneck). Bridge and core RSS are read once the run is warm and at the
 * end; "flat" means neither grew by more than the allowance.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leadingResponseId } from '../electron/bridge/json-line';
import { createLineSplitter } from '../electron/proxy/line-splitter';
import { below, type BenchResult } from './bench-result';
import { ALLOW_ALL_POLICY, bridgeArgs, everythingServer, processEnv, rssMb, startServe } from './processes';

const CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 1_000_000);
const IN_FLIGHT = 64;
/** RSS is first read after this many calls: start-up, JIT and caches have settled by then. */
const WARM_CALLS = Math.min(20_000, Math.floor(CALLS / 10));
/** Growth allowed from the warm reading to the end, per process. */
const ALLOWED_GROWTH_MB = 32;

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 'init',
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});

/** Runs the memory benchmark. */
export async function runMemoryBench(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'al-mem-'));
  const serve = await startServe(dataDir, ALLOW_ALL_POLICY);
  const bridge = spawn(
    process.execPath,
    bridgeArgs(dataDir, 'everything', [process.execPath, everythingServer]),
    { stdio: ['pipe', 'pipe', 'ignore'], env: processEnv() },
  );
  try {
    let answered = 0;
    let sent = 0;
    let warm: { bridge: number; core: number; at: number } | undefined;
    let peak = { bridge: 0, core: 0 };
    /** RSS at every tenth of the run: a leak climbs to the end, a heap settling levels off. */
    const series: string[] = [];
    const started = performance.now();
    const done = new Promise<void>((resolve, reject) => {
      bridge.once('exit', (code) => reject(new Error(`the bridge exited (${code}) after ${answered} calls`)));
      const sendCall = (): void => {
        sent += 1;
        bridge.stdin.write(
          `{"jsonrpc":"2.0","id":${sent},"method":"tools/call","params":{"name":"echo","arguments":{"message":"m${sent}"}}}\n`,
        );
      };
      const onLine = createLineSplitter({
        line(text) {
          const id = leadingResponseId(text);
          if (id === 'init') {
            bridge.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
            for (let i = 0; i < IN_FLIGHT; i += 1) sendCall();
            return;
          }
          if (typeof id !== 'number') return;
          if (text.includes('"error":') || text.includes('"isError":true'))
            return reject(new Error(`call ${id} failed: ${text.slice(0, 300)}`));
          answered += 1;
          if (answered === WARM_CALLS) {
            warm = { bridge: rssMb(bridge.pid), core: rssMb(serve.pid), at: performance.now() };
          }
          if (answered % 10_000 === 0) {
            peak = {
              bridge: Math.max(peak.bridge, rssMb(bridge.pid)),
              core: Math.max(peak.core, rssMb(serve.pid)),
            };
          }
          if (answered % Math.max(1, Math.floor(CALLS / 10)) === 0) {
            series.push(`${answered}: ${rssMb(bridge.pid).toFixed(0)}/${rssMb(serve.pid).toFixed(0)}`);
          }
          if (answered >= CALLS) return resolve();
          if (sent < CALLS) sendCall();
        },
        overflow() {
          reject(new Error('an overlong line from the bridge'));
        },
      });
      bridge.stdout.on('data', onLine);
    });
    bridge.stdin.write(`${INITIALIZE}\n`);
    await done;
    const end = { bridge: rssMb(bridge.pid), core: rssMb(serve.pid) };
    const seconds = (performance.now() - started) / 1000;
    const start = warm ?? { bridge: Number.NaN, core: Number.NaN, at: started };
    const rate = (CALLS - WARM_CALLS) / ((performance.now() - start.at) / 1000);
    const growthBridge = end.bridge - start.bridge;
    const growthCore = end.core - start.core;
    return {
      name: `memory (${CALLS} echo calls through Airlock, ${IN_FLIGHT} in flight)`,
      figures: {
        calls: CALLS,
        seconds: Math.round(seconds),
        'calls/s after warm-up': Math.round(rate),
        [`bridge RSS MB at ${WARM_CALLS} calls`]: start.bridge,
        'bridge RSS MB at the end': end.bridge,
        'bridge RSS MB peak (sampled)': Math.max(peak.bridge, end.bridge),
        [`core RSS MB at ${WARM_CALLS} calls`]: start.core,
        'core RSS MB at the end': end.core,
        'core RSS MB peak (sampled)': Math.max(peak.core, end.core),
      },
      checks: [
        below(`bridge RSS growth over ${CALLS} calls`, growthBridge, ALLOWED_GROWTH_MB, ' MB'),
        below(`core RSS growth over ${CALLS} calls`, growthCore, ALLOWED_GROWTH_MB, ' MB'),
      ],
      notes: [
        `RSS read after ${WARM_CALLS} warm-up calls and at the end; set BENCH_MEMORY_CALLS to shorten the run`,
        `RSS MB bridge/core by calls answered: ${series.join(', ')}`,
      ],
    };
  } finally {
    bridge.kill();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
