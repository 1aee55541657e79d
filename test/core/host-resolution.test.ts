/**
 * Policy sees the real host behind a PTY session id: the session server's `ssh_session_start` result
 * teaches the gate which host the session runs on, so later keystrokes are judged against that host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/events';
import { ALLOW_ALL_POLICY } from '../support/airlock-harness';
import { connectAgent, startTestAirlock, type TestAirlock } from '../support/in-process-airlock';
import { fixtureLaunch } from '../ssh/fixture-launch';
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
});
