import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultOrchestratorConfig,
  ORCH_CONFIG_ENV,
  writeOrchestratorConfig,
} from '../fixtures/orchestrator/config';
import { fixtureLaunch } from '../ssh/fixture-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import { ORCHESTRATOR_TOOL_NAMES } from './expected-tools';
import { callJson, callText, connectStdio, pollUntil, type RigClient } from './mcp-client';

describe('orchestrator fixture (mcp-ssh-orchestrator over a real sshd)', () => {
  let sshd: SshdHandle;
  let rig: RigClient;
  let client: Client;
  let configDir: string;
  let configPath: string;
  const logs: string[] = [];

  beforeAll(async () => {
    sshd = await startSshd();
    configDir = mkdtempSync(join(tmpdir(), 'airlock-orch-'));
    configPath = join(configDir, 'orchestrator.json');
    await writeOrchestratorConfig(configPath, defaultOrchestratorConfig(sshd));
    rig = await connectStdio(fixtureLaunch('orchestrator', sshd, { [ORCH_CONFIG_ENV]: configPath }));
    client = rig.client;
    client.setNotificationHandler(
      LoggingMessageNotificationSchema,
      (n) => void logs.push(String(n.params.data)),
    );
  });
  afterAll(async () => {
    await rig.close();
    await sshd.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('lists exactly the 13 tools of the reference, with FastMCP-style schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...ORCHESTRATOR_TOOL_NAMES]);
    expect(tools).toHaveLength(13);
    const run = tools.find((t) => t.name === 'ssh_run');
    expect(run?.inputSchema).toEqual({
      type: 'object',
      title: 'ssh_runArguments',
      properties: {
        alias: { type: 'string', default: '', title: 'Alias' },
        command: { type: 'string', default: '', title: 'Command' },
      },
    });
    expect(tools.every((t) => t.inputSchema.required === undefined)).toBe(true);
    expect(client.getServerVersion()).toEqual({ name: 'FastMCP', version: '1.21.0' });
  });

  it('ssh_run executes over SSH and returns the orchestrator result shape', async () => {
    const result = await client.callTool({
      name: 'ssh_run',
      arguments: { alias: 'rig-web', command: 'echo hello; id -un' },
    });
    const body = JSON.parse((result.content as { text: string }[])[0]?.text ?? '') as Record<string, unknown>;
    expect(body).toMatchObject({
      alias: 'rig-web',
      exit_code: 0,
      cancelled: false,
      timeout: false,
      target_ip: '127.0.0.1',
      output: `hello\n${sshd.user}\n`,
    });
    expect(body.task_id).toMatch(/^rig-web:[0-9a-f]{12}:\d+$/);
    expect(result.structuredContent).toEqual({ result: body });
    expect(result.isError).toBe(false);
  });

  it('reports errors and denials as successful results, never isError', async () => {
    const missing = await client.callTool({ name: 'ssh_run', arguments: { alias: '', command: 'true' } });
    expect(missing).toMatchObject({
      isError: false,
      content: [{ type: 'text', text: 'Error: alias is required' }],
    });
    const denied = JSON.parse(
      await callText(client, 'ssh_run', { alias: 'rig-web', command: 'reboot' }),
    ) as object;
    expect(denied).toMatchObject({ status: 'denied', reason: 'policy', alias: 'rig-web', command: 'reboot' });
    const plan = await callJson(client, 'ssh_plan', { alias: 'rig-db', command: 'curl http://x' });
    expect(plan).toMatchObject({ allowed: false, why: 'Policy blocked this command.' });
    expect(await callText(client, 'ssh_run', { alias: 'nope', command: 'true' })).toBe(
      'Run error: Host alias not found: nope',
    );
  });

  it('ssh_run_async returns at once; polling reaches completed with output and result', async () => {
    const started = await callJson(client, 'ssh_run_async', {
      alias: 'rig-db',
      command: 'for i in 1 2 3; do echo line$i; sleep 0.2; done',
    });
    expect(started).toMatchObject({ status: 'pending', keepAlive: 300, pollFrequency: 5, alias: 'rig-db' });
    const taskId = String(started.task_id);
    const final = await pollUntil(async () => {
      const status = await callJson(client, 'ssh_get_task_status', { task_id: taskId });
      return status.status === 'completed' || status.status === 'failed' ? status : undefined;
    }, 'the async task to finish');
    expect(final).toMatchObject({ task_id: taskId, status: 'completed', progress_percent: 100 });
    const result = await callJson(client, 'ssh_get_task_result', { task_id: taskId });
    expect(result).toMatchObject({
      task_id: taskId,
      status: 'completed',
      exit_code: 0,
      output: 'line1\nline2\nline3\n',
    });
    const output = await callJson(client, 'ssh_get_task_output', { task_id: taskId, max_lines: 2 });
    expect(output).toEqual({
      task_id: taskId,
      output_lines: ['line2', 'line3'],
      total_lines: 3,
      has_more: true,
    });
    await pollUntil(
      () => Promise.resolve(logs.some((l) => l.startsWith(`task ${taskId} completed`)) ? true : undefined),
      'the late completion log',
    );
  });

  it('cancels a running async task and the remote command stops', async () => {
    const marker = `${sshd.dir}/orch-cancel-marker`;
    const started = await callJson(client, 'ssh_run_async', {
      alias: 'rig-web',
      command: `sleep 32 && touch ${marker}`,
    });
    const taskId = String(started.task_id);
    await pollUntil(
      async () => ((await sshd.run('pgrep -x sleep -a')).stdout.includes('sleep 32') ? true : undefined),
      'the remote sleep',
    );
    expect(await callJson(client, 'ssh_cancel_async_task', { task_id: taskId })).toEqual({
      task_id: taskId,
      cancelled: true,
      message: 'Cancellation signaled',
    });
    const result = await pollUntil(async () => {
      const text = await callText(client, 'ssh_get_task_result', { task_id: taskId });
      return text.startsWith('Error:') ? undefined : (JSON.parse(text) as Record<string, unknown>);
    }, 'the cancelled result');
    expect(result).toMatchObject({ status: 'cancelled', cancelled: true });
    expect((await sshd.run('pgrep -x sleep -a')).stdout).not.toContain('sleep 32');
    expect(await callJson(client, 'ssh_cancel_async_task', { task_id: taskId })).toMatchObject({
      cancelled: false,
      message: 'Task not found or not cancellable',
    });
  });

  it('fans out over a tag, describes hosts and reloads its config', async () => {
    const fanned = await callJson<{ results: { alias: string; output: string }[] }>(
      client,
      'ssh_run_on_tag',
      {
        tag: 'linux',
        command: 'echo fan',
      },
    );
    expect(fanned.results.map((r) => [r.alias, r.output])).toEqual([
      ['rig-web', 'fan\n'],
      ['rig-db', 'fan\n'],
    ]);
    expect(await callJson(client, 'ssh_list_hosts')).toEqual({ hosts: ['rig-web', 'rig-db'] });
    expect(await callJson(client, 'ssh_describe_host', { alias: 'rig-db' })).toMatchObject({
      alias: 'rig-db',
      port: sshd.port,
      credentials: 'rig-key',
      tags: ['rig', 'db', 'linux'],
    });
    const changed = defaultOrchestratorConfig(sshd);
    changed.policy = { ...changed.policy, limits: { task_result_ttl: 1 } };
    await writeOrchestratorConfig(configPath, changed);
    expect(await callJson(client, 'ssh_reload_config')).toEqual({ status: 'reloaded' });
    const started = await callJson(client, 'ssh_run_async', {
      alias: 'rig-web',
      command: 'echo short-lived',
    });
    expect(started.keepAlive).toBe(1);
    const taskId = String(started.task_id);
    await pollUntil(async () => {
      const text = await callText(client, 'ssh_get_task_result', { task_id: taskId });
      return text.startsWith('Error: Task not found or expired') ? undefined : text;
    }, 'the short-lived result');
    // Once its TTL has passed the result is gone.
    const expired = await pollUntil(async () => {
      const text = await callText(client, 'ssh_get_task_result', { task_id: taskId });
      return text.startsWith('Error: Task not found or expired') ? text : undefined;
    }, 'the result to expire');
    expect(expired).toBe(`Error: Task not found or expired: ${taskId}`);
  });

  it('rejects wrongly typed arguments with a clear error', async () => {
    const result = await client.callTool({ name: 'ssh_run', arguments: { alias: 5, command: 'true' } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]?.text).toMatch(
      /^Error executing tool ssh_run: 1 validation error/,
    );
  });
});
