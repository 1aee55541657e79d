/**
 * Task-augmented calls (MCP tasks, 2025-11-25) held for approval: the client gets a `working` task at
 * once, the call completes after the operator's decision, `tasks/cancel` withdraws it, and the upstream
 * (which has no tasks) only ever sees a plain `tools/call` after approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, ResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Airlock } from '../../electron/core/airlock';
import { probeFixture } from '../support/airlock-harness';
import {
  connectAgent,
  startTestAirlock,
  type AgentClient,
  type TestAirlock,
} from '../support/in-process-airlock';
import { waitFor } from '../support/wait';

const policy = {
  version: 'airlock/1',
  default: 'require_approval',
  rules: [{ id: 'allow-seen', action: 'allow', tool: 'seen' }],
};

describe('held calls as MCP tasks', () => {
  let core: TestAirlock;
  let agent: AgentClient;
  let airlock: Airlock;
  let client: Client;

  beforeAll(async () => {
    core = await startTestAirlock(policy);
    airlock = core.airlock;
    agent = await connectAgent(core.bridge('probe', { command: process.execPath, args: [probeFixture] }), {
      tasks: { list: {}, cancel: {}, requests: { elicitation: { create: {} } } },
    });
    client = agent.client;
  });

  afterAll(async () => {
    await agent.close();
    await core.stop();
  });

  const pendingItem = async (tool: string) => {
    await waitFor(() => airlock.broker.list().some((i) => i.tool === tool && i.state.kind === 'pending'));
    const item = airlock.broker.list().find((i) => i.tool === tool && i.state.kind === 'pending');
    if (!item) throw new Error('no pending item');
    return item;
  };

  it('declares tasks to a client that can use them, and marks tools as task-capable', async () => {
    expect(client.getServerCapabilities()?.tasks).toEqual({
      list: {},
      cancel: {},
      requests: { tools: { call: {} } },
    });
    const tools = await client.listTools();
    expect(tools.tools.every((t) => t.execution?.taskSupport === 'optional')).toBe(true);
  });

  it('returns a working task at once and completes it after approval', async () => {
    const messages: { type: string; status?: string; text?: string }[] = [];
    const stream = client.experimental.tasks.callToolStream(
      { name: 'echo', arguments: { message: 'as a task' } },
      CallToolResultSchema,
      {
        task: { ttl: 60_000 },
      },
    );
    const consumed = (async () => {
      for await (const m of stream) {
        if (m.type === 'taskCreated' || m.type === 'taskStatus')
          messages.push({ type: m.type, status: m.task.status });
        if (m.type === 'result') messages.push({ type: 'result', text: JSON.stringify(m.result.content) });
        if (m.type === 'error') messages.push({ type: 'error', text: m.error.message });
      }
    })();
    const item = await pendingItem('echo');
    // The broker is in this process; the task's creation reaches the client over the bridge a moment later.
    await waitFor(() => messages.length > 0, 10_000, 'the taskCreated message');
    expect(messages[0]).toEqual({ type: 'taskCreated', status: 'working' });
    const decided = airlock.broker.decide({
      id: item.id,
      digest: item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    expect(decided.ok).toBe(true);
    await consumed;
    expect(messages.at(-1)?.type).toBe('result');
    expect(messages.at(-1)?.text).toContain('{\\"message\\":\\"as a task\\"}');
    const seen = await client.callTool({ name: 'seen', arguments: {} });
    const calls = (
      JSON.parse((seen.content as { text: string }[])[0]?.text ?? '{}') as {
        seen: { method?: string; params?: Record<string, unknown> }[];
      }
    ).seen;
    const echo = calls.find((m) => m.method === 'tools/call' && m.params?.name === 'echo');
    expect(echo?.params?.task).toBeUndefined();
  });

  it('fails the task with the denial reason in its status message', async () => {
    const raw = client.request(
      { method: 'tools/call', params: { name: 'echo', arguments: { message: 'no' }, task: { ttl: 60_000 } } },
      ResultSchema,
    );
    const created = (await raw) as { task: { taskId: string; status: string } };
    expect(created.task.status).toBe('working');
    const item = await pendingItem('echo');
    airlock.broker.decide({
      id: item.id,
      digest: item.digest,
      decision: { kind: 'deny', reason: 'not during the freeze' },
    });
    await waitFor(
      async () => (await client.experimental.tasks.getTask(created.task.taskId)).status === 'failed',
    );
    const task = await client.experimental.tasks.getTask(created.task.taskId);
    expect(task.statusMessage).toMatch(/not during the freeze/);
    const result = await client.request(
      { method: 'tasks/result', params: { taskId: created.task.taskId } },
      ResultSchema,
    );
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/Airlock denied this call: .*not during the freeze/);
  });

  it('withdraws the held item when the client cancels the task', async () => {
    const created = (await client.request(
      {
        method: 'tools/call',
        params: { name: 'echo', arguments: { message: 'cancel me' }, task: { ttl: 60_000 } },
      },
      ResultSchema,
    )) as { task: { taskId: string } };
    const item = await pendingItem('echo');
    const cancelled = await client.experimental.tasks.cancelTask(created.task.taskId);
    expect(cancelled.status).toBe('cancelled');
    await waitFor(() => airlock.broker.get(item.id)?.state.kind === 'withdrawn-by-client');
    const listed = await client.request({ method: 'tasks/list', params: {} }, ResultSchema);
    expect(
      (listed.tasks as { taskId: string; status: string }[]).find((t) => t.taskId === created.task.taskId)
        ?.status,
    ).toBe('cancelled');
  });
});
