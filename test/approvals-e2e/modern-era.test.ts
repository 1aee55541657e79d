/**
 * Policy and approvals in the modern era (MCP 2026-07-28), end to end with the real SDK 2.x client and
 * server packages through `airlock mcp`: a held call waits with progress keepalives and runs after
 * approval; a denial is a complete result the modern client accepts; an upstream's `input_required`
 * prompt is answered from Airlock's queue (Airlock retries the call) or, with `--elicitation client`,
 * reaches the client, whose retry is judged as a call of its own; a client with the tasks extension gets
 * a held call as a task it polls and can cancel. Then both cross-era pairings: a modern client before a
 * legacy upstream (server-everything, on SDK 1.x) falls back by itself, and a legacy client before the
 * dual-era SDK 2.x upstream is served the legacy era, its prompt arriving as `elicitation/create`.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalItem } from '../../shared/approvals/types';
import { everythingServer, repoRoot } from '../support/airlock-harness';
import {
  Cleanups,
  connectAgent,
  recordEvents,
  resultText,
  startTestAirlock,
  waitForItem,
  type EventLog,
  type TestAirlock,
} from '../support/in-process-airlock';
import { spawnRawBridge } from '../support/raw-bridge';
import { waitFor } from '../support/wait';

const fixture = join(repoRoot, 'dist', 'test', 'fixtures', 'modern-fixture.js');
const upstream = { command: process.execPath, args: [fixture] };
const POLICY = {
  version: 'airlock/1',
  default: 'require_approval',
  rules: [
    { id: 'everyday', tool: ['echo', 'seen', 'progress', 'confirm'], action: 'allow' },
    // An ask rule beats an allow rule: on this server even confirmations wait for the operator.
    { id: 'hold-confirm', server: 'tasks-prompt', tool: 'confirm', action: 'require_approval' },
  ],
};

type Modern = { client: Client; elicited: string[]; close: () => Promise<void> };

/** A modern SDK 2.x client that probes the era first, as dual-era hosts do. */
async function modernClient(params: StdioServerParameters): Promise<Modern> {
  const elicited: string[] = [];
  const client = new Client(
    { name: 'modern-agent', version: '2.4.0' },
    { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: 'auto' } },
  );
  client.setRequestHandler('elicitation/create', (request) => {
    elicited.push(request.params.message);
    return { action: 'accept', content: { confirm: true } };
  });
  await client.connect(new StdioClientTransport({ ...params, stderr: 'pipe' }));
  return { client, elicited, close: () => client.close() };
}

describe('approvals in the modern era', () => {
  const cleanups = new Cleanups();
  let core: TestAirlock;
  let log: EventLog;
  let modern: Modern;

  const pending = (match: (item: ApprovalItem) => boolean, what = 'the held call') =>
    waitForItem(core.airlock.broker, (item) => item.state.kind === 'pending' && match(item), what);
  const decide = (
    item: ApprovalItem,
    decision: { kind: 'approve'; scope: 'once' } | { kind: 'deny'; reason: string },
  ) => expect(core.airlock.broker.decide({ id: item.id, digest: item.digest, decision }).ok).toBe(true);

  beforeAll(async () => {
    core = cleanups.add(await startTestAirlock(POLICY, 150), (c) => c.stop());
    log = cleanups.add(recordEvents(core.airlock), (l) => l.stop());
    modern = cleanups.add(await modernClient(core.bridge('modern', upstream)), (m) => m.close());
  }, 60_000);

  afterAll(() => cleanups.run());

  it('negotiates 2026-07-28 through Airlock and runs an allowed call', async () => {
    expect(modern.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const result = await modern.client.callTool({ name: 'echo', arguments: { message: 'hi' } });
    expect(resultText(result)).toBe('Echo: hi');
  });

  it('holds a call with progress keepalives, then runs it after approval', async () => {
    const progress: string[] = [];
    const call = modern.client.callTool(
      { name: 'wait', arguments: { ms: 0 } },
      { onprogress: (p) => progress.push(p.message ?? ''), resetTimeoutOnProgress: true },
    );
    const item = await pending((i) => i.tool === 'wait');
    await waitFor(() => progress.length >= 2, 10_000, 'two keepalives');
    expect(progress[0]).toMatch(/Waiting for operator approval/);
    decide(item, { kind: 'approve', scope: 'once' });
    expect(resultText(await call)).toBe('waited 0');
  });

  it('answers a denial as a complete result the modern client accepts', async () => {
    const call = modern.client.callTool({ name: 'wait', arguments: { ms: 1 } });
    decide(await pending((i) => i.tool === 'wait'), { kind: 'deny', reason: 'not now' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/Airlock denied this call: .*not now/);
  });

  it("answers the upstream's input_required from the queue and retries the call itself", async () => {
    const call = modern.client.callTool({ name: 'confirm', arguments: { action: 'rotate keys' } });
    const item = await pending((i) => i.kind === 'elicitation');
    expect(item.arguments.message).toBe('Really rotate keys?');
    decide(item, { kind: 'approve', scope: 'once' });
    expect(resultText(await call)).toBe('confirmed rotate keys');
    expect(modern.elicited).toEqual([]);
    const prompt = log.events.find(
      (e) => e.type === 'prompt.received' && e.params.message === 'Really rotate keys?',
    );
    expect(prompt).toMatchObject({ route: 'queue', method: 'elicitation/create' });
  });

  it('with --elicitation client, the prompt reaches the client and its retry is judged as a new call', async () => {
    const other = cleanups.add(
      await modernClient(core.bridge('modern-client', upstream, ['--elicitation', 'client'])),
      (m) => m.close(),
    );
    const result = await other.client.callTool({ name: 'confirm', arguments: { action: 'drain node' } });
    expect(resultText(result)).toBe('confirmed drain node');
    expect(other.elicited).toEqual(['Really drain node?']);
    const received = log.events.filter(
      (e) => e.type === 'call.received' && e.tool === 'confirm' && e.arguments.action === 'drain node',
    );
    expect(received).toHaveLength(2);
    const answered = log.events.find(
      (e) => e.type === 'prompt.answered' && e.by.kind === 'client' && e.answer.kind === 'accept',
    );
    expect(answered).toBeDefined();
  });

  it('gives a client with the tasks extension a held call as a task it polls and cancels', async () => {
    const raw = cleanups.add(spawnRawBridge(core.bridge('modern-tasks', upstream)), (b) => b.close());
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'tasks-agent', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
    };
    const ask = async (id: number, method: string, params: Record<string, unknown>) => {
      raw.send({ jsonrpc: '2.0', id, method, params });
      return (await raw.next((l) => l.id === id)).result as Record<string, unknown>;
    };
    const created = await ask(1, 'tools/call', { name: 'wait', arguments: { ms: 5 }, _meta: meta });
    expect(created).toMatchObject({ resultType: 'task', status: 'working' });
    expect(String(created.statusMessage)).toMatch(/Waiting for operator approval of wait/);
    const taskId = String(created.taskId);
    expect(await ask(2, 'tasks/get', { taskId, _meta: meta })).toMatchObject({
      status: 'working',
      resultType: 'complete',
    });
    decide(await pending((i) => i.tool === 'wait'), { kind: 'approve', scope: 'once' });
    let done: Record<string, unknown> = {};
    await waitFor(
      async () => {
        done = await ask(3 + Math.floor(Math.random() * 1e6), 'tasks/get', { taskId, _meta: meta });
        return done.status === 'completed';
      },
      10_000,
      'the task to complete',
    );
    expect(done.result).toMatchObject({ content: [{ type: 'text', text: 'waited 5' }] });
    const seen = await ask(4, 'tools/call', { name: 'seen', arguments: {}, _meta: meta });
    const calls = JSON.parse((seen.content as { text: string }[])[0]?.text ?? '{}') as {
      seen: { tool: string; arguments: { ms?: number }; envelope: Record<string, unknown> }[];
    };
    const ran = calls.seen.find((s) => s.tool === 'wait' && s.arguments.ms === 5);
    // The upstream ran a plain call: the task was Airlock's, so the extension was not passed on.
    expect(JSON.stringify(ran?.envelope)).not.toContain('io.modelcontextprotocol/tasks');

    const second = await ask(5, 'tools/call', { name: 'wait', arguments: { ms: 6 }, _meta: meta });
    const held = await pending((i) => i.tool === 'wait');
    expect(await ask(6, 'tasks/cancel', { taskId: second.taskId, _meta: meta })).toEqual({
      resultType: 'complete',
    });
    await waitFor(
      () => core.airlock.broker.get(held.id)?.state.kind === 'withdrawn-by-client',
      10_000,
      'withdrawn',
    );
    expect(await ask(7, 'tasks/get', { taskId: second.taskId, _meta: meta })).toMatchObject({
      status: 'cancelled',
    });
  });

  it('lets a modern client fall back to the legacy era before a legacy upstream', async () => {
    const legacyUpstream = { command: process.execPath, args: [everythingServer, 'stdio'] };
    const agent = cleanups.add(await modernClient(core.bridge('everything', legacyUpstream)), (m) =>
      m.close(),
    );
    expect(agent.client.getNegotiatedProtocolVersion()).not.toBe('2026-07-28');
    const result = await agent.client.callTool({ name: 'echo', arguments: { message: 'legacy' } });
    expect(resultText(result)).toBe('Echo: legacy');
  });

  it('serves a legacy client before the dual-era upstream, its prompt arriving as elicitation/create', async () => {
    const agent = cleanups.add(await connectAgent(core.bridge('modern-legacy', upstream)), (a) => a.close());
    const call = agent.client.callTool({ name: 'confirm', arguments: { action: 'reboot' } });
    const item = await pending((i) => i.kind === 'elicitation' && i.arguments.message === 'Really reboot?');
    decide(item, { kind: 'approve', scope: 'once' });
    expect(resultText(await call)).toBe('confirmed reboot');
    const init = log.events.find(
      (e) =>
        e.type === 'session.initialized' &&
        e.client.name === 'approvals-e2e-agent' &&
        e.server.name === 'modern-fixture',
    );
    expect(init?.type === 'session.initialized' && init.protocolVersion).toMatch(/^2025-/);
  });

  it("passes a modern-only upstream's refusal of a legacy client through as a clear error", async () => {
    const modernOnly = { ...upstream, env: { MODERN_FIXTURE_LEGACY: 'reject' } };
    const refused = await connectAgent(core.bridge('modern-only', modernOnly)).then(
      (agent) => agent.close().then(() => 'connected'),
      (error: unknown) => (error as Error).message,
    );
    expect(refused).toMatch(/-32022: Unsupported protocol version: 2025-11-25/);
  });

  it('surfaces a prompt that reaches a task-held call in tasks/get, and resumes it on tasks/update', async () => {
    const raw = cleanups.add(
      spawnRawBridge(core.bridge('tasks-prompt', upstream, ['--elicitation', 'client'])),
      (b) => b.close(),
    );
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'tasks-agent', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {
        elicitation: { form: {} },
        extensions: { 'io.modelcontextprotocol/tasks': {} },
      },
    };
    let next = 100;
    const ask = async (method: string, params: Record<string, unknown>) => {
      const id = next++;
      raw.send({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } });
      return (await raw.next((l) => l.id === id)).result as Record<string, unknown>;
    };
    const created = await ask('tools/call', { name: 'confirm', arguments: { action: 'failover' } });
    expect(created).toMatchObject({ resultType: 'task', status: 'working' });
    const taskId = String(created.taskId);
    decide(await pending((i) => i.tool === 'confirm'), { kind: 'approve', scope: 'once' });
    let task: Record<string, unknown> = {};
    await waitFor(
      async () => {
        task = await ask('tasks/get', { taskId });
        return task.status === 'input_required';
      },
      10_000,
      'the task to ask for input',
    );
    expect(task.inputRequests).toMatchObject({
      confirm: { method: 'elicitation/create', params: { message: 'Really failover?' } },
    });
    expect(
      await ask('tasks/update', {
        taskId,
        inputResponses: { confirm: { action: 'accept', content: { confirm: true } } },
      }),
    ).toEqual({ resultType: 'complete' });
    await waitFor(
      async () => {
        task = await ask('tasks/get', { taskId });
        return task.status === 'completed';
      },
      10_000,
      'the task to complete',
    );
    expect(task.result).toMatchObject({ content: [{ type: 'text', text: 'confirmed failover' }] });
    const completed = log.events.filter((e) => e.type === 'call.completed' && e.outcome.kind === 'result');
    expect(
      completed.some(
        (e) => e.type === 'call.completed' && JSON.stringify(e.outcome).includes('confirmed failover'),
      ),
    ).toBe(true);
  });
});
