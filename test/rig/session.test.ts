import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureLaunch } from '../ssh/fixture-launch';
import { freePort } from '../ssh/free-port';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import { SESSION_TOOL_NAMES } from './expected-tools';
import { callJson, callText, connectStdio, pollUntil, type RigClient } from './mcp-client';

const ESC = '\u001b';

/** Sends one line through a TCP port and resolves with the first reply. */
function roundTrip(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(line));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('session fixture (KinoThe ssh-mcp-server over a real sshd)', () => {
  let sshd: SshdHandle;
  let rig: RigClient;
  let client: Client;
  let work: string;
  let echoServer: Server;
  let echoPort: number;

  beforeAll(async () => {
    sshd = await startSshd();
    work = mkdtempSync(join(tmpdir(), 'airlock-session-'));
    rig = await connectStdio(fixtureLaunch('session', sshd));
    client = rig.client;
    echoServer = createServer((socket) => socket.on('data', (d) => socket.write(`echo:${d.toString()}`)));
    echoPort = await new Promise<number>((resolve) =>
      echoServer.listen(0, '127.0.0.1', () => resolve((echoServer.address() as { port: number }).port)),
    );
  });
  afterAll(async () => {
    await rig.close();
    await new Promise((resolve) => echoServer.close(resolve));
    await sshd.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('lists exactly the 15 tools of the reference', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...SESSION_TOOL_NAMES]);
    expect(tools).toHaveLength(15);
    expect(tools.find((t) => t.name === 'ssh_session_send')?.inputSchema).toEqual({
      type: 'object',
      properties: {
        sessionId: { type: 'string', description: 'Session ID from ssh_session_start' },
        input: { type: 'string', description: 'Input to send (include \\n for enter)' },
      },
      required: ['sessionId', 'input'],
    });
    expect(client.getServerVersion()).toEqual({ name: 'ssh-server', version: '0.1.0' });
  });

  it('drives a real PTY session: keystrokes in, terminal output (with ANSI) out', async () => {
    const started = await callJson(client, 'ssh_session_start', { credentialName: 'rig' });
    const sessionId = String(started.sessionId);
    expect(started).toMatchObject({ host: '127.0.0.1', username: sshd.user });
    const keys = 'echo "pty:$((6*7))"; tty; printf "\\033[31mred\\033[0m\\n"\n';
    const sent = await callText(client, 'ssh_session_send', { sessionId, input: keys });
    expect(sent).toBe(`Sent ${keys.length} bytes to session ${sessionId}`);
    let screen = '';
    await pollUntil(async () => {
      const text = await callText(client, 'ssh_session_read', { sessionId });
      if (text !== '[No new output]') screen += text;
      // The tty line proves a PTY; the escape sequences arrive raw, as a terminal would get them.
      return /pty:42\r\n\/dev\/pts\/\d+\r\n/.test(screen) && screen.includes(`${ESC}[31mred${ESC}[0m`)
        ? true
        : undefined;
    }, 'the PTY to echo the command output');
    // Ctrl-C as a raw keystroke interrupts a foreground command in the PTY.
    await callText(client, 'ssh_session_send', { sessionId, input: 'sleep 33\n' });
    await pollUntil(
      async () => ((await sshd.run('pgrep -x sleep -a')).stdout.includes('sleep 33') ? true : undefined),
      'sleep in the PTY',
    );
    await callText(client, 'ssh_session_send', { sessionId, input: '\u0003' });
    await pollUntil(
      async () => ((await sshd.run('pgrep -x sleep -a')).stdout.includes('sleep 33') ? undefined : true),
      'Ctrl-C',
    );
    const listed = await callJson<{ sessionId: string }[]>(client, 'ssh_session_list');
    expect(listed.map((s) => s.sessionId)).toEqual([sessionId]);
    expect(await callText(client, 'ssh_session_end', { sessionId })).toBe(
      `Session ${sessionId} closed successfully.`,
    );
    expect(await callText(client, 'ssh_session_list')).toBe('No active sessions.');
    const gone = await client.callTool({ name: 'ssh_session_read', arguments: { sessionId } });
    expect(gone.isError).toBe(true);
  });

  it('ssh_exec runs through bash -ic and reports failures as JSON errors', async () => {
    expect(
      await callText(client, 'ssh_exec', { credentialName: 'rig', command: 'echo exec-ok; id -un' }),
    ).toBe(`exec-ok\n${sshd.user}\n`);
    const failed = await client.callTool({
      name: 'ssh_exec',
      arguments: { credentialName: 'rig', command: 'exit 4' },
    });
    expect(failed.isError).toBe(true);
    expect(JSON.parse((failed.content as { text: string }[])[0]?.text ?? '')).toMatchObject({
      errorType: 'COMMAND_FAILED',
      exitCode: 4,
      executedCommand: '[hidden]',
    });
    const raw = await callText(client, 'ssh_exec_raw', {
      credentialName: 'rig',
      command: ['printf', '%s|', 'a b', "c'd"],
    });
    expect(raw).toBe("a b|c'd|");
  });

  it('scp_copy round-trips a file over SFTP', async () => {
    const local = join(work, 'up.txt');
    const back = join(work, 'back.txt');
    const remote = join(sshd.dir, 'remote.txt');
    writeFileSync(local, 'payload über SFTP\n');
    const up = await callText(client, 'scp_copy', {
      credentialName: 'rig',
      localPath: local,
      remotePath: remote,
      direction: 'toRemote',
    });
    expect(up).toContain('SFTP transfer completed successfully.');
    expect((await sshd.run(`cat ${remote}`)).stdout).toBe('payload über SFTP\n');
    await callText(client, 'scp_copy', {
      credentialName: 'rig',
      localPath: back,
      remotePath: remote,
      direction: 'fromRemote',
    });
    expect(readFileSync(back, 'utf8')).toBe('payload über SFTP\n');
  });

  it('tunnels a local port to a loopback service through sshd, and refuses other targets', async () => {
    const localPort = await freePort();
    const started = await callJson(client, 'ssh_tunnel_start', {
      credentialName: 'rig',
      localPort,
      remoteHost: '127.0.0.1',
      remotePort: echoPort,
    });
    expect(started).toMatchObject({
      type: 'local',
      binding: `127.0.0.1:${localPort} -> 127.0.0.1:${echoPort}`,
    });
    expect(await roundTrip(localPort, 'ping')).toBe('echo:ping');
    const tunnelId = String(started.tunnelId);
    expect(await callText(client, 'ssh_tunnel_stop', { tunnelId })).toBe(
      `Tunnel ${tunnelId} closed successfully.`,
    );
    expect(await callText(client, 'ssh_tunnel_list')).toBe('No active tunnels.');
    const refused = await client.callTool({
      name: 'ssh_tunnel_start',
      arguments: { credentialName: 'rig', localPort, remoteHost: '10.0.0.1', remotePort: 22 },
    });
    expect(refused.isError).toBe(true);
    expect((refused.content as { text: string }[])[0]?.text).toMatch(/only tunnels to loopback/);
  });

  it('manages credentials and names the problem on bad input', async () => {
    expect(
      await callText(client, 'add_credential', {
        name: 'second',
        host: '127.0.0.1',
        username: sshd.user,
        privateKeyPath: sshd.privateKeyPath,
      }),
    ).toBe('Credential second added successfully');
    const creds = await callJson<{ name: string }[]>(client, 'list_credentials');
    expect(creds.map((c) => c.name)).toEqual(['rig', 'second']);
    expect(await callText(client, 'ssh_exec', { credentialName: 'second', command: 'echo via-second' })).toBe(
      'via-second\n',
    );
    const missing = await client.callTool({
      name: 'ssh_exec',
      arguments: { credentialName: 'nope', command: 'true' },
    });
    expect(missing).toMatchObject({
      isError: true,
      content: [{ text: "Error preparing SSH command: Credential 'nope' not found." }],
    });
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });
});
