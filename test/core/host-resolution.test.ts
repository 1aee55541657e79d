/**
 * Policy sees the real host behind a PTY session id: the session server's `ssh_session_start` result
 * teaches the gate which host the session runs on, so later keystrokes are judged against that host.
 * And ssh-mcp started with its quick-start flags (`--host=… --user=…`) is judged against that host from
 * the first call, before the agent ever lists connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/events';
import { ALLOW_ALL_POLICY } from '../support/airlock-harness';
import { connectAgent, startTestAirlock, type TestAirlock } from '../support/in-process-airlock';
import { fixtureLaunch } from '../ssh/fixture-launch';
import { sshMcpEntry } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';

describe('host resolution from results', () => {
  let sshd: SshdHandle;
  let core: TestAirlock;
  beforeAll(async () => {
    sshd = await startSshd();
    core = await startTestAirlock(ALLOW_ALL_POLICY);
  });
  afterAll(async () => {
    await core.stop();
    await sshd.stop();
  });

  it('resolves ssh.host for keystrokes sent to a session opened earlier', async () => {
    const decided: Extract<CoreEvent, { type: 'call.decided' }>[] = [];
    const tools = new Map<string, string>();
    core.airlock.core.events.subscribe((event) => {
      if (event.type === 'call.received') tools.set(event.callId, event.tool);
      if (event.type === 'call.decided') decided.push(event);
    });
    const agent = await connectAgent(core.bridge('kinothe', fixtureLaunch('session', sshd)));
    const started = await agent.client.callTool({
      name: 'ssh_session_start',
      arguments: { credentialName: 'rig' },
    });
    const text = (started.content as { text: string }[])[0]?.text ?? '{}';
    const sessionId = String((JSON.parse(text) as { sessionId?: unknown }).sessionId);
    await agent.client.callTool({ name: 'ssh_session_send', arguments: { sessionId, input: 'true\n' } });
    await agent.client.callTool({ name: 'ssh_session_end', arguments: { sessionId } });
    await agent.close();
    const send = decided.find((d) => tools.get(d.callId) === 'ssh_session_send');
    expect((send?.fields?.ssh as { host?: string } | undefined)?.host).toBe(sshd.host);
  });

  it('ssh-mcp launched with --host/--user: ssh.host and ssh.user come from the flags before any listing', async () => {
    const decided: Extract<CoreEvent, { type: 'call.decided' }>[] = [];
    const tools = new Map<string, string>();
    core.airlock.core.events.subscribe((event) => {
      if (event.type === 'call.received') tools.set(event.callId, event.tool);
      if (event.type === 'call.decided') decided.push(event);
    });
    // A throwaway HOME without ssh-mcp's config file, so the quick-start flags are what ssh-mcp uses.
    const home = mkdtempSync(join(tmpdir(), 'airlock-quick-start-'));
    try {
      const agent = await connectAgent(
        core.bridge('quick', {
          command: process.execPath,
          args: [
            sshMcpEntry(),
            `--host=${sshd.host}`,
            `--port=${sshd.port}`,
            `--user=${sshd.user}`,
            `--key=${sshd.privateKeyPath}`,
            '--group=dev',
          ],
          env: {
            HOME: home,
            XDG_CONFIG_HOME: join(home, '.config'),
            XDG_DATA_HOME: join(home, 'data'),
            SSH_AUTH_SOCK: '',
          },
        }),
      );
      const ran = await agent.client.callTool({ name: 'run-command', arguments: { command: 'id -un' } });
      expect((ran.content as { text: string }[])[0]?.text).toBe(`${sshd.user}\n`);
      const listed = await agent.client.callTool({ name: 'list-connections', arguments: {} });
      await agent.close();
      const run = decided.find((d) => tools.get(d.callId) === 'run-command');
      expect(run?.fields).toMatchObject({
        adapter: 'ssh-mcp',
        ssh: { host: sshd.host, user: sshd.user, hostResolved: true },
      });
      // The flags said what ssh-mcp itself reports for its quick-start profile.
      expect((listed.content as { text: string }[])[0]?.text).toContain(
        `default: ${sshd.user}@${sshd.host}:${sshd.port}`,
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
