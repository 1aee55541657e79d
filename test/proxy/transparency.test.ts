/**
 * Transparency details, against a raw probe server that records what it receives: pagination, unknown
 * fields, progress-before-result ordering in one chunk, cancellation mapped to the upstream id, task
 * params never forwarded to a server without tasks, server→client requests, and a misbehaving upstream.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  ListRootsRequestSchema,
  ResultSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import {
  probeFixture,
  startAirlockCore,
  ALLOW_ALL_POLICY,
  type AirlockCoreHandle,
} from '../support/airlock-harness';
import { spawnRawBridge } from '../support/raw-bridge';
import { isAlive, waitFor } from '../support/wait';

const probe = probeFixture;

describe('proxy transparency (probe upstream)', () => {
  let core: AirlockCoreHandle;
  let client: Client;
  let listChanged = 0;

  beforeAll(async () => {
    core = await startAirlockCore({ policy: ALLOW_ALL_POLICY });
    client = new Client({ name: 'probe-client', version: '9.9.9' }, { capabilities: { roots: {} } });
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (listChanged += 1));
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: [{ uri: 'file:///srv', name: 'srv' }],
    }));
    await client.connect(new StdioClientTransport(core.bridgeParams('probe', process.execPath, [probe])));
  });

  afterAll(async () => {
    await client.close();
    await core.stop();
  });

  async function seen(): Promise<{
    seen: { method?: string; id?: unknown; params?: Record<string, unknown> }[];
    cancelled: { requestId: unknown }[];
  }> {
    const result = await client.callTool({ name: 'seen', arguments: {} });
    const first = (result.content as { text: string }[])[0];
    return JSON.parse(first?.text ?? '{}') as never;
  }

  it('passes the real clientInfo and capabilities to the upstream', async () => {
    const init = (await seen()).seen.find((m) => m.method === 'initialize');
    expect(init?.params?.clientInfo).toEqual({ name: 'probe-client', version: '9.9.9' });
    // Airlock adds form elicitation so an upstream's own confirmation prompts can reach its queue.
    expect(init?.params?.capabilities).toEqual({ roots: {}, elicitation: {} });
  });

  it('pages tools/list and resources/list with cursors untouched and unknown fields intact', async () => {
    const first = await client.request({ method: 'tools/list', params: {} }, ResultSchema);
    expect(first.nextCursor).toBe('3');
    expect(first['x-page']).toBe(true);
    expect((first.tools as { 'x-vendor': unknown }[])[0]?.['x-vendor']).toEqual({
      tool: 'echo',
      nested: { keep: true },
    });
    const second = await client.request({ method: 'tools/list', params: { cursor: '3' } }, ResultSchema);
    expect((second.tools as { name: string }[]).map((t) => t.name)).toEqual([
      'crash',
      'change-tools',
      'seen',
    ]);
    const all = await client.listResources();
    expect(all.resources).toHaveLength(2);
    const next = await client.listResources({ cursor: all.nextCursor });
    expect(next.resources[0]?.uri).toBe('probe://r/3');
  });

  it('returns a result with unknown extra fields intact', async () => {
    const result = await client.request(
      { method: 'tools/call', params: { name: 'echo', arguments: { message: 'x' } } },
      ResultSchema,
    );
    expect(result['x-extra']).toEqual({ kept: true });
    expect((result.content as Record<string, unknown>[])[0]?.['x-item']).toBe(1);
  });

  it('writes every progress notification before the result, even when both arrive in one chunk', async () => {
    // Checked on the wire: the SDK client itself handles notifications asynchronously and can drop
    // progress that arrives in the same read as the result, with or without a proxy in between.
    const raw = spawnRawBridge(core.bridgeParams('probe', process.execPath, [probe]));
    try {
      await raw.initialize();
      const params = { name: 'progress-burst', arguments: { count: 20 }, _meta: { progressToken: 'tok' } };
      raw.send({ jsonrpc: '2.0', id: 7, method: 'tools/call', params });
      await raw.next((l) => l.id === 7);
      expect(raw.progressSequence(7)).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), 7]);
    } finally {
      await raw.close();
    }
  });

  it('maps a client cancellation to the upstream request id', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'wait', arguments: { ms: 60_000 } }, undefined, {
      signal: controller.signal,
    });
    await waitFor(async () =>
      (await seen()).seen.some((m) => m.method === 'tools/call' && (m.params?.name as string) === 'wait'),
    );
    controller.abort('stop waiting');
    await expect(call).rejects.toThrow();
    const record = await seen();
    const waitCall = record.seen.find((m) => m.method === 'tools/call' && m.params?.name === 'wait');
    await waitFor(async () => (await seen()).cancelled.length > 0);
    const cancelledIds = (await seen()).cancelled.map((c) => c.requestId);
    expect(cancelledIds).toContain(waitCall?.id);
  });

  it('never forwards params.task to an upstream that did not declare tasks', async () => {
    const error = await client
      .request(
        { method: 'tools/call', params: { name: 'echo', arguments: {}, task: { ttl: 1000 } } },
        ResultSchema,
      )
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Task-augmented tools\/call is not supported/);
    expect((await seen()).seen.some((m) => m.params?.task !== undefined)).toBe(false);
  });

  it('forwards server/discover, so a legacy upstream answers for itself (the client then falls back)', async () => {
    await expect(client.request({ method: 'server/discover', params: {} }, ResultSchema)).rejects.toThrow(
      /Method not found: server\/discover/,
    );
    expect((await seen()).seen.some((m) => m.method === 'server/discover')).toBe(true);
  });

  it('relays server→client requests and notifications', async () => {
    const result = await client.callTool({ name: 'ask-client', arguments: {} });
    expect(JSON.stringify(result.content)).toContain('file:///srv');
    await client.callTool({ name: 'change-tools', arguments: {} });
    await waitFor(() => listChanged > 0);
  });

  it('drops garbage from the upstream and keeps the session working', async () => {
    const result = await client.callTool({ name: 'garbage', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'after garbage' }]);
    await expect(client.ping()).resolves.toBeDefined();
  });
});

describe('upstream lifetime', () => {
  it('stops an upstream that ignores stdin closing when the session ends', async () => {
    const core = await startAirlockCore({ policy: ALLOW_ALL_POLICY });
    const pidfile = join(core.dataDir, 'probe.pid');
    try {
      const client = new Client({ name: 'c', version: '1' }, { capabilities: {} });
      await client.connect(
        new StdioClientTransport(
          core.bridgeParams('probe', process.execPath, [probe], {
            PROBE_PIDFILE: pidfile,
            PROBE_IGNORE_STDIN_END: '1',
          }),
        ),
      );
      await waitFor(() => existsSync(pidfile));
      const pid = Number(readFileSync(pidfile, 'utf8'));
      expect(isAlive(pid)).toBe(true);
      await client.close();
      await waitFor(() => !isAlive(pid), 10_000);
    } finally {
      await core.stop();
    }
  });

  it('holds an early upstream notification until the client has the initialize result', async () => {
    const core = await startAirlockCore({ policy: ALLOW_ALL_POLICY });
    try {
      const order: string[] = [];
      const transport = new StdioClientTransport(
        core.bridgeParams('probe', process.execPath, [probe], { PROBE_EARLY_NOTIFY: '1' }),
      );
      const client = new Client({ name: 'c', version: '1' }, { capabilities: {} });
      // Record raw arrival order underneath the SDK client.
      const connect = client.connect(transport);
      const sdkHandler = transport.onmessage as ((m: unknown) => void) | undefined;
      transport.onmessage = (m: unknown) => {
        const msg = m as { method?: string; result?: unknown };
        order.push(msg.method ?? (msg.result ? 'result' : 'other'));
        sdkHandler?.(m);
      };
      await connect;
      await waitFor(() => order.includes('notifications/message'));
      expect(order.indexOf('result')).toBeLessThan(order.indexOf('notifications/message'));
      await client.close();
    } finally {
      await core.stop();
    }
  });
});
