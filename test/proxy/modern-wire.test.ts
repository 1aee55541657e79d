/**
 * The modern wire era (MCP 2026-07-28) carried byte for byte: the same raw client script is played
 * against the SDK 2.x test server directly and through `airlock mcp`, and the client must read the same
 * lines in the same order — `server/discover`, list results with `ttlMs`/`cacheScope`, `_meta` (with W3C
 * trace context) reaching the upstream, progress on the request before its result, `input_required` and
 * the retry that carries `inputResponses` and `requestState`, cancellation, and an unknown method's error.
 * Then what Airlock itself adds for a modern session: the `session.initialized` record with the revision.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/airlock-harness';
import {
  recordEvents,
  startTestAirlock,
  type EventLog,
  type TestAirlock,
} from '../support/in-process-airlock';
import { spawnRawBridge, type RawBridge } from '../support/raw-bridge';

const fixture = join(repoRoot, 'dist', 'test', 'fixtures', 'modern-fixture.js');
const envelope = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw-modern', version: '3.0.0' },
  'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} }, 'x-vendor': { keep: true } },
};
const trace = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'air=1' };

const call = (
  id: number,
  name: string,
  args: Record<string, unknown>,
  meta: Record<string, unknown> = {},
) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args, _meta: { ...envelope, ...meta } },
});

/** Plays the script on one connection and returns every line the client read. */
async function play(peer: RawBridge): Promise<unknown[]> {
  const answer = async (message: { id: unknown; params?: unknown; [key: string]: unknown }) => {
    peer.send(message);
    return peer.next((line) => line.id === message.id);
  };
  await answer({ jsonrpc: '2.0', id: 'discover', method: 'server/discover', params: { _meta: envelope } });
  await answer({ jsonrpc: '2.0', id: 'list', method: 'tools/list', params: { _meta: envelope } });
  await answer(call(1, 'echo', { message: 'hello' }, trace));
  await answer(call(2, 'progress', { count: 3 }, { progressToken: 'p-2' }));
  const asked = (await answer(call(3, 'confirm', { action: 'rotate keys' }))) as {
    result: { requestState: string };
  };
  await answer({
    ...call(4, 'confirm', { action: 'rotate keys' }),
    params: {
      ...call(4, 'confirm', { action: 'rotate keys' }).params,
      inputResponses: { confirm: { action: 'accept', content: { confirm: true } } },
      requestState: asked.result.requestState,
    },
  });
  peer.send(call(5, 'wait', { ms: 20_000 }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  peer.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 5, reason: 'stop' } });
  await answer({ jsonrpc: '2.0', id: 6, method: 'vendor/unknown', params: { _meta: envelope } });
  await answer(call(7, 'seen', {}));
  return [...peer.lines];
}

describe('modern era on the wire (SDK 2.x server, raw client)', () => {
  let core: TestAirlock;
  let events: EventLog;
  let direct: unknown[];
  let proxied: unknown[];

  beforeAll(async () => {
    core = await startTestAirlock({ version: 'airlock/1', default: 'allow', rules: [] });
    events = recordEvents(core.airlock);
    const plain = spawnRawBridge({ command: process.execPath, args: [fixture] });
    direct = await play(plain);
    await plain.close();
    const bridge = spawnRawBridge(
      core.bridge('modern', { command: process.execPath, args: [fixture] }, ['--elicitation', 'client']),
    );
    proxied = await play(bridge);
    await bridge.close();
  }, 60_000);

  afterAll(async () => {
    events.stop();
    await core.stop();
  });

  it('shows the client exactly the lines a direct connection shows, in the same order', () => {
    expect(direct.length).toBeGreaterThan(10);
    expect(proxied).toEqual(direct);
  });

  it('carried what the comparison is about', () => {
    const byId = (id: unknown) =>
      direct.find((l) => (l as { id?: unknown }).id === id) as Record<string, unknown> | undefined;
    expect(byId('discover')?.result).toMatchObject({
      supportedVersions: ['2026-07-28'],
      resultType: 'complete',
    });
    expect(byId('list')?.result).toMatchObject({ ttlMs: 0, cacheScope: 'private' });
    expect(byId(3)?.result).toMatchObject({
      resultType: 'input_required',
      requestState: 'confirm:rotate keys',
    });
    expect(JSON.stringify(byId(4)?.result)).toContain('confirmed rotate keys');
    expect(byId(5)).toBeUndefined();
    expect(byId(6)?.error).toMatchObject({ code: -32601 });
    const progress = direct.filter((l) => (l as { method?: string }).method === 'notifications/progress');
    expect(progress.map((l) => (l as { params: { progress: number } }).params.progress)).toEqual([1, 2, 3]);
    const seen = JSON.parse(
      (byId(7)?.result as { content: { text: string }[] }).content[0]?.text ?? '{}',
    ) as {
      seen: { tool: string; meta: Record<string, unknown> }[];
      cancelled: string[];
    };
    expect(seen.seen.find((s) => s.tool === 'echo')?.meta).toMatchObject(trace);
    expect(seen.cancelled).toEqual(['wait 20000']);
  });

  it('records the session with the client, the server and the modern revision', async () => {
    const init = await events.waitFor(
      (e): e is Extract<typeof e, { type: 'session.initialized' }> => e.type === 'session.initialized',
      'session.initialized',
    );
    expect(init.protocolVersion).toBe('2026-07-28');
    expect(init.client).toEqual({ name: 'raw-modern', version: '3.0.0' });
    expect(init.server).toEqual({ name: 'modern-fixture', version: '2.4.0-test' });
    expect(init.serverCapabilities).toEqual({ tools: { listChanged: true } });
    const calls = events.events.filter((e) => e.type === 'call.received').map((e) => e.tool);
    expect(calls).toEqual(['echo', 'progress', 'confirm', 'confirm', 'wait', 'seen']);
  });
});
