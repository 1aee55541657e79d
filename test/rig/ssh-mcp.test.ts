import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSshMcp, type SshMcpLaunch } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import { connectStdio, textOf, type RigClient } from './mcp-client';

describe('ssh-mcp 2.11.0 (the real npm server) against the harness sshd', () => {
  let sshd: SshdHandle;
  const opened: { launch: SshMcpLaunch; rig: RigClient }[] = [];

  /** Starts ssh-mcp with an approval mode and a client that answers elicitation with `answer`. */
  async function sshMcp(
    mode: 'ask-destructive' | 'auto',
    answer?: ElicitResult['action'],
  ): Promise<{ client: Client; asked: string[] }> {
    const launch = await prepareSshMcp(sshd, { approvalMode: mode });
    const asked: string[] = [];
    const rig = await connectStdio(launch, answer === undefined ? {} : { elicitation: { form: {} } });
    opened.push({ launch, rig });
    if (answer !== undefined) {
      rig.client.setRequestHandler(ElicitRequestSchema, (request) => {
        asked.push(request.params.message);
        return { action: answer, content: answer === 'accept' ? { confirm: true } : undefined };
      });
    }
    return { client: rig.client, asked };
  }

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    for (const { launch, rig } of opened) {
      await rig.close();
      launch.cleanup();
    }
    await sshd.stop();
  });

  it('runs a command that writes a file, then reads it back', async () => {
    const { client } = await sshMcp('ask-destructive');
    const path = `${sshd.dir}/ssh-mcp-note.txt`;
    const written = await client.callTool({
      name: 'run-command',
      arguments: { command: `printf 'from ssh-mcp' > ${path} && echo wrote` },
    });
    expect(written).toEqual({ content: [{ type: 'text', text: 'wrote\n' }] });
    const read = await client.callTool({ name: 'read-command', arguments: { command: `cat ${path}` } });
    expect(textOf(read)).toBe('from ssh-mcp');
    expect((await sshd.run(`cat ${path}`)).stdout).toBe('from ssh-mcp');
    expect(client.getServerVersion()).toMatchObject({ name: 'SSH MCP Server', version: '2.11.0' });
  });

  it('asks its client via elicitation/create before a destructive command (ask-destructive)', async () => {
    const target = `${sshd.dir}/doomed`;
    await sshd.run(`mkdir -p ${target}`);
    const declining = await sshMcp('ask-destructive', 'decline');
    const denied = await declining.client.callTool({
      name: 'run-command',
      arguments: { command: `rm -rf ${target}` },
    });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/^APPROVAL_DENIED/);
    expect(declining.asked).toEqual([`Confirm destructive command on "local":\n\nrm -rf ${target}`]);
    expect((await sshd.run(`test -d ${target} && echo present`)).stdout).toBe('present\n');

    const accepting = await sshMcp('ask-destructive', 'accept');
    const ran = await accepting.client.callTool({
      name: 'run-command',
      arguments: { command: `rm -rf ${target}` },
    });
    expect(ran.isError).toBeUndefined();
    expect(accepting.asked).toHaveLength(1);
    expect((await sshd.run(`test -d ${target} || echo gone`)).stdout).toBe('gone\n');
  });

  it('fails closed without elicitation support, and skips the prompt in auto mode', async () => {
    const target = `${sshd.dir}/doomed-too`;
    await sshd.run(`mkdir -p ${target}`);
    const { client: noElicit } = await sshMcp('ask-destructive');
    const refused = await noElicit.callTool({
      name: 'run-command',
      arguments: { command: `rm -rf ${target}` },
    });
    expect(textOf(refused)).toMatch(/^APPROVAL_UNAVAILABLE/);
    const { client: auto, asked } = await sshMcp('auto', 'decline');
    const ran = await auto.callTool({ name: 'run-command', arguments: { command: `rm -rf ${target}` } });
    expect(ran.isError).toBeUndefined();
    expect(asked).toEqual([]);
    expect((await sshd.run(`test -d ${target} || echo gone`)).stdout).toBe('gone\n');
  });
});
