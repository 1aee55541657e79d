/**
 * The whole chain with real processes: SDK client → `airlock mcp` (stdio bridge) → Airlock core → each of
 * the three SSH MCP upstreams → the harness sshd. The core runs an allow-all policy, so every call really
 * reaches SSH and its real output comes back through the proxy.
 */
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOW_ALL_POLICY, startAirlockCore, type AirlockCoreHandle } from '../support/airlock-harness';
import { fixtureLaunch, type StdioLaunch } from '../ssh/fixture-launch';
import { prepareSshMcp, type SshMcpLaunch } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import { callJson, callText, pollUntil, textOf } from './mcp-client';

describe('through Airlock: client → airlock mcp → upstream SSH MCP server → sshd', () => {
  let sshd: SshdHandle;
  let core: AirlockCoreHandle;
  let sshMcp: SshMcpLaunch;
  /** Clean-ups in creation order, run in reverse, so a failed start still stops what did start. */
  const cleanups: (() => Promise<void> | void)[] = [];

  async function through(label: string, launch: StdioLaunch): Promise<Client> {
    const client = new Client({ name: 'airlock-rig-agent', version: '1.0.0' }, { capabilities: {} });
    await client.connect(
      new StdioClientTransport(core.bridgeParams(label, launch.command, launch.args, launch.env)),
    );
    cleanups.push(() => client.close());
    return client;
  }

  beforeAll(async () => {
    sshd = await startSshd();
    cleanups.push(() => sshd.stop());
    sshMcp = await prepareSshMcp(sshd, { approvalMode: 'auto' });
    cleanups.push(() => sshMcp.cleanup());
    // This suite is about the transport chain, not judgement: a policy that allows every call.
    core = await startAirlockCore({ policy: ALLOW_ALL_POLICY });
    cleanups.push(() => core.stop());
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('ssh-mcp: a command runs on the sshd and its real output comes back', async () => {
    const client = await through('ssh-mcp', sshMcp);
    expect(client.getServerVersion()).toMatchObject({ name: 'SSH MCP Server', version: '2.11.0' });
    const result = await client.callTool({
      name: 'run-command',
      arguments: { command: `echo via-airlock; id -un` },
    });
    expect(textOf(result)).toBe(`via-airlock\n${sshd.user}\n`);
  });

  it('orchestrator: ssh_run, then an async task polled to completion', async () => {
    const client = await through('orchestrator', fixtureLaunch('orchestrator', sshd));
    const run = await callJson(client, 'ssh_run', { alias: 'rig-web', command: 'echo orch-via-airlock' });
    expect(run).toMatchObject({ exit_code: 0, output: 'orch-via-airlock\n' });
    const started = await callJson(client, 'ssh_run_async', {
      alias: 'rig-db',
      command: 'sleep 0.3; echo async-done',
    });
    const taskId = String(started.task_id);
    await pollUntil(async () => {
      const status = await callJson(client, 'ssh_get_task_status', { task_id: taskId });
      return status.status === 'completed' ? true : undefined;
    }, 'the async task through Airlock');
    expect(await callJson(client, 'ssh_get_task_result', { task_id: taskId })).toMatchObject({
      status: 'completed',
      output: 'async-done\n',
    });
  });

  it('session server: a PTY session opened, typed into, read and closed', async () => {
    const client = await through('kinothe', fixtureLaunch('session', sshd));
    const started = await callJson(client, 'ssh_session_start', { credentialName: 'rig' });
    const sessionId = String(started.sessionId);
    await callText(client, 'ssh_session_send', { sessionId, input: 'echo "pty-via-airlock:$((20+22))"\n' });
    let screen = '';
    await pollUntil(async () => {
      const text = await callText(client, 'ssh_session_read', { sessionId });
      if (text !== '[No new output]') screen += text;
      return screen.includes('pty-via-airlock:42') ? true : undefined;
    }, 'PTY output through Airlock');
    expect(await callText(client, 'ssh_session_end', { sessionId })).toBe(
      `Session ${sessionId} closed successfully.`,
    );
  });
});
