/**
 * A bridge outlives its core: real `airlock serve` processes (killed, stopped and started again on the
 * same data folder), the real SDK client launching `airlock mcp` over stdio, the probe upstream, and the
 * history database read back.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { historyPath } from '../../electron/history/open-database';
import { openHistoryReader } from '../../electron/history/reader';
import {
  ALLOW_ALL_POLICY,
  makeDataDir,
  probeFixture,
  startAirlockCore,
  type AirlockCoreHandle,
} from '../support/airlock-harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function core(dataDir: string): Promise<AirlockCoreHandle> {
  const started = await startAirlockCore({ dataDir, policy: ALLOW_ALL_POLICY, args: ['--no-console'] });
  cleanups.push(() => started.stop());
  return started;
}

/** What the bridge wrote to stderr, kept so a test can wait for the bridge to notice a lost core. */
const bridgeErr = new WeakMap<Client, { text: string }>();

async function agent(on: AirlockCoreHandle, env?: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'reconnect-agent', version: '3.1.4' }, { capabilities: {} });
  const transport = new StdioClientTransport(on.bridgeParams('probe', process.execPath, [probeFixture], env));
  const seen = { text: '' };
  transport.stderr?.on('data', (chunk: Buffer) => (seen.text += chunk.toString('utf8')));
  bridgeErr.set(client, seen);
  await client.connect(transport);
  cleanups.push(() => client.close());
  return client;
}

/** Resolves once the bridge has said it lost its core, so the next request is sent while it is away. */
async function bridgeNoticedLoss(client: Client): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(bridgeErr.get(client)?.text ?? '').includes('lost the Airlock core')) {
    if (Date.now() > deadline) throw new Error('the bridge never said it lost its core');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function text(result: unknown): string {
  const content = (result as { content?: { text?: string }[] }).content;
  return content?.[0]?.text ?? '';
}

/** The error message a call ends with (attached at once, so an early rejection is never unhandled). */
function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'answered',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

async function kill(handle: AirlockCoreHandle): Promise<void> {
  const exited = new Promise((resolve) => handle.process.once('exit', resolve));
  handle.process.kill('SIGKILL');
  await exited;
}

describe('bridge reconnection', () => {
  it('carries on after its core is killed and started again: in-flight error, then calls flow', async () => {
    const dataDir = makeDataDir();
    const first = await core(dataDir);
    const client = await agent(first);
    expect(text(await client.callTool({ name: 'echo', arguments: { n: 1 } }))).toBe('{"n":1}');

    const inFlight = outcome(client.callTool({ name: 'wait', arguments: { ms: 60_000 } }));
    await new Promise((r) => setTimeout(r, 200));
    await kill(first);
    expect(await inFlight).toMatch(/went away before answering.*may or may not have run/);

    const second = await core(dataDir);
    const restartedAt = Date.now();
    expect(text(await client.callTool({ name: 'echo', arguments: { n: 2 } }))).toBe('{"n":2}');
    console.log(`reconnect: first call answered ${Date.now() - restartedAt} ms after the new core was ready`);

    // The new upstream was initialised from the client's own initialize, then told it is initialized.
    const seen = JSON.parse(text(await client.callTool({ name: 'seen', arguments: {} }))) as {
      seen: { method?: string; params?: { clientInfo?: { name: string; version: string } } }[];
    };
    const methods = seen.seen.map((m) => m.method);
    expect(methods.slice(0, 2)).toEqual(['initialize', 'notifications/initialized']);
    expect(seen.seen[0]?.params?.clientInfo).toEqual({ name: 'reconnect-agent', version: '3.1.4' });
    expect(client.getServerVersion()).toMatchObject({ name: 'probe' });

    await second.stop({ keepData: true });
    const reader = openHistoryReader(historyPath(dataDir));
    try {
      const sessions = reader.listSessions({ server: 'probe' }).items;
      expect(sessions).toHaveLength(2);
      const [newer, older] = [...sessions].sort((a, b) => b.startedAt - a.startedAt);
      const gap = [...reader.iterateTimeline(newer?.sessionId ?? '')].flatMap((t) =>
        t.item === 'event' ? [t.event] : [],
      );
      const resumed = gap.find((e) =>
        JSON.stringify(e).includes('reconnected after losing the Airlock core'),
      );
      expect(JSON.stringify(resumed)).toContain(older?.sessionId ?? 'missing');
      expect(JSON.stringify(resumed)).toContain('1 request in flight was answered with an error');
    } finally {
      reader.close();
    }
  });

  it("after a clean stop the in-flight call gets the core's own shutdown answer, then calls flow", async () => {
    const dataDir = makeDataDir();
    const first = await core(dataDir);
    const client = await agent(first);
    const inFlight = outcome(client.callTool({ name: 'wait', arguments: { ms: 60_000 } }));
    await new Promise((r) => setTimeout(r, 200));
    await first.stop({ keepData: true });
    expect(await inFlight).toMatch(/Airlock is shutting down/);
    await core(dataDir);
    expect(text(await client.callTool({ name: 'echo', arguments: { back: true } }))).toBe('{"back":true}');
  });

  it('a request sent while the core is away waits, then is answered with an error, never forwarded', async () => {
    const dataDir = makeDataDir();
    const first = await core(dataDir);
    const client = await agent(first, { AIRLOCK_RECONNECT_WAIT_MS: '800' });
    await kill(first);
    // Until the bridge has seen the socket close, a request would be in flight, not waiting.
    await bridgeNoticedLoss(client);
    await expect(client.callTool({ name: 'echo', arguments: {} })).rejects.toThrow(
      /has not come back within 800 ms.*no call was forwarded/,
    );
    await core(dataDir);
    expect(text(await client.callTool({ name: 'echo', arguments: { later: 1 } }))).toBe('{"later":1}');
  });

  it('an upstream that exits is not restarted behind the client: the session stays ended', async () => {
    const dataDir = makeDataDir();
    const only = await core(dataDir);
    const client = await agent(only);
    await expect(client.callTool({ name: 'crash', arguments: {} })).rejects.toThrow(/exited with code 3/);
    await expect(client.callTool({ name: 'echo', arguments: {} })).rejects.toThrow(
      /exited with code 3.*Restart this MCP server in your client/,
    );
    const reader = openHistoryReader(historyPath(dataDir));
    try {
      expect(reader.listSessions({ server: 'probe' }).items).toHaveLength(1);
    } finally {
      reader.close();
    }
  });
});
