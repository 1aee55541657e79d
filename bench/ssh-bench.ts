/**
 * Where users live: ssh-mcp's `run-command` against the test rig's real OpenSSH sshd on 127.0.0.1,
 * directly and through `airlock mcp` + `airlock serve` under the shipped default policy (the commands are
 * read-only, so the policy allows them after analysing each with tree-sitter-bash), interleaved over
 * three rounds. "Within noise" means Airlock's added median is no more than the spread of the direct
 * medians between rounds, or 3% of the direct round trip, whichever is larger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { DEFAULT_POLICY } from '../shared/policy/default-policy';
import { prepareSshMcp } from '../test/ssh/ssh-mcp-launch';
import { startSshd } from '../test/ssh/sshd-harness';
import { below, formatNumber, type BenchResult } from './bench-result';
import { connect, median, runLoad, type LoadRun, type LoadSpec } from './mcp-load';
import { bridgeArgs, processEnv, startServe } from './processes';

const CALLS = Number(process.env.BENCH_SSH_CALLS ?? 200);
const ROUNDS = 3;
const COMMANDS = ['uptime', 'df -h /', 'ls -la /tmp', 'cat /etc/os-release', 'free -m', 'whoami'];

const spec: LoadSpec = {
  tool: 'run-command',
  args: (i) => ({ command: COMMANDS[Math.abs(i) % COMMANDS.length] ?? 'uptime' }),
  calls: CALLS,
  inFlight: 4,
  warmup: 10,
  check(result) {
    const r = result as { isError?: boolean; content?: { text?: string }[] };
    if (r.isError) throw new Error(`run-command failed: ${r.content?.[0]?.text ?? JSON.stringify(r)}`);
  },
};

/** Runs the ssh-mcp benchmark. */
export async function runSshBench(): Promise<BenchResult> {
  const sshd = await startSshd();
  const sshMcp = await prepareSshMcp(sshd, { approvalMode: 'auto' });
  const dataDir = mkdtempSync(join(tmpdir(), 'al-ssh-'));
  const serve = await startServe(dataDir, DEFAULT_POLICY);
  try {
    const env = { ...processEnv(), ...sshMcp.env };
    const direct: StdioServerParameters = {
      command: sshMcp.command,
      args: sshMcp.args,
      env,
      stderr: 'ignore',
    };
    const via: StdioServerParameters = {
      command: process.execPath,
      args: bridgeArgs(dataDir, 'ssh', [sshMcp.command, ...sshMcp.args]),
      env,
      stderr: 'ignore',
    };
    const rounds: { direct: LoadRun; via: LoadRun }[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const d = await connect(direct);
      const directRun = await runLoad(d.client, spec);
      await d.close();
      const a = await connect(via);
      const viaRun = await runLoad(a.client, spec, { core: serve.pid });
      await a.close();
      rounds.push({ direct: directRun, via: viaRun });
    }
    const directP50s = rounds.map((x) => x.direct.p50);
    const directP50 = median(directP50s);
    const added = median(rounds.map((x) => x.via.p50 - x.direct.p50));
    const noise = Math.max(Math.max(...directP50s) - Math.min(...directP50s), 0.03 * directP50);
    const seqRatio = median(rounds.map((x) => x.via.seqPerSec / x.direct.seqPerSec));
    const concRatio = median(rounds.map((x) => x.via.concPerSec / x.direct.concPerSec));
    return {
      name: 'ssh (ssh-mcp run-command on the real sshd, default policy)',
      figures: {
        'direct p50 ms': directP50,
        'airlock p50 ms': median(rounds.map((x) => x.via.p50)),
        'added median latency ms': added,
        'noise: spread of direct p50 between rounds (or 3%) ms': noise,
        'sequential throughput ratio': seqRatio,
        'concurrent throughput ratio (4 in flight)': concRatio,
        'core CPU ms per call': median(rounds.map((x) => x.via.cpuPerCallMs.core ?? Number.NaN)),
      },
      checks: [
        below(
          'ssh-mcp run-command: Airlock added p50 within noise',
          added,
          Number(noise.toFixed(3)),
          ' ms',
          `direct ${formatNumber(directP50)} ms p50; throughput ratio ${formatNumber(seqRatio)}`,
        ),
      ],
      notes: [
        `${ROUNDS} interleaved rounds of ${CALLS} sequential + ${CALLS} with 4 in flight; commands: ${COMMANDS.join(', ')}`,
      ],
    };
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
    sshMcp.cleanup();
    await sshd.stop();
  }
}
