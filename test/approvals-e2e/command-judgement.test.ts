/**
 * Command judgement end to end with real parts: an SDK client launches `airlock mcp`, which fronts the
 * real ssh-mcp (approval mode `auto`, so only Airlock judges) against the rig's real sshd. Payloads an
 * allow list of harmless programs used to let through (a write into a start-up file, code in an
 * arithmetic context) are now held, and the test proves on the SSH host that they did not run; under
 * the default policy a harmless diagnostic runs at once, with the reason in history.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENIAL_PREFIX } from '../../electron/proxy/tool-result';
import { prepareSshMcp, type SshMcpLaunch } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import {
  Cleanups,
  connectAgent,
  eventOf,
  recordEvents,
  resultText,
  startTestAirlock,
  waitForPending,
  type AgentClient,
  type EventLog,
  type TestAirlock,
} from '../support/in-process-airlock';

const ALLOW_LIST = {
  version: 'airlock/1',
  default: 'deny',
  rules: [
    {
      id: 'allow-harmless',
      tool: ['run-command', 'read-command'],
      action: 'allow',
      when: [
        {
          op: 'command',
          quantifier: 'every',
          match: { program: ['ls', 'cat', 'echo', 'grep', 'df', 'uptime', 'whoami'] },
        },
      ],
    },
  ],
};

describe('command judgement end to end: ssh-mcp through airlock mcp on a real sshd', () => {
  const cleanups = new Cleanups();
  let sshd: SshdHandle;
  let sshMcp: SshMcpLaunch;
  let work: string;

  beforeAll(async () => {
    work = cleanups.add(await mkdtemp(join(tmpdir(), 'al-judge-')), (dir) =>
      rm(dir, { recursive: true, force: true }),
    );
    sshd = cleanups.add(await startSshd(), (s) => s.stop());
    sshMcp = cleanups.add(await prepareSshMcp(sshd, { approvalMode: 'auto' }), (l) => l.cleanup());
  });
  afterAll(() => cleanups.run());

  const run = (agent: AgentClient, tool: string, command: string) => {
    const call = agent.client.callTool({ name: tool, arguments: { command } });
    call.catch(() => undefined);
    return call;
  };

  describe('under an allow list of harmless programs', () => {
    let airlock: TestAirlock;
    let agent: AgentClient;
    beforeAll(async () => {
      airlock = cleanups.add(await startTestAirlock(ALLOW_LIST), (a) => a.stop());
      agent = cleanups.add(await connectAgent(airlock.bridge('ssh', sshMcp)), (a) => a.close());
    });

    it('still runs what the list allows', async () => {
      const result = await run(agent, 'run-command', `echo listed && ls -d ${work}`);
      expect(resultText(result)).toBe(`listed\n${work}\n`);
    });

    it.each([
      ['a write into a start-up file', (dir: string) => `echo pwned > ${dir}/.bashrc-probe`, 'guard:writes'],
      [
        'a redirection with no command (it creates or truncates the file)',
        (dir: string) => `ls -d ${dir} && > ${dir}/.bare-probe`,
        'guard:writes',
      ],
      [
        'code in an arithmetic context',
        (dir: string) => `x='a[$(echo pwned > ${dir}/.arith-probe)]'; echo $((x))`,
        'guard:arithmetic',
      ],
      [
        'a bare assignment to a variable that changes what runs',
        (dir: string) => `BASH_ENV=${dir}/x; cat /etc/hostname > ${dir}/.env-probe`,
        'guard:eval',
      ],
    ])('holds %s and it does not run', async (_name, payload, rule) => {
      const command = payload(work);
      const marker = /> (\S+)/.exec(command)?.[1] ?? '';
      const call = run(agent, 'run-command', command);
      const item = await waitForPending(airlock.airlock.broker, command);
      expect(item.rule.id).toBe(rule);
      expect(existsSync(marker)).toBe(false);
      airlock.airlock.broker.decide({
        id: item.id,
        digest: item.digest,
        decision: { kind: 'deny', reason: 'payload' },
        by: 'e2e-operator',
      });
      const result = await call;
      expect(resultText(result).startsWith(DENIAL_PREFIX)).toBe(true);
      expect(existsSync(marker)).toBe(false);
    });
  });

  describe('under the default policy', () => {
    let airlock: TestAirlock;
    let agent: AgentClient;
    let log: EventLog;
    beforeAll(async () => {
      airlock = cleanups.add(await startTestAirlock(), (a) => a.stop());
      log = cleanups.add(recordEvents(airlock.airlock), (l) => l.stop());
      agent = cleanups.add(await connectAgent(airlock.bridge('ssh', sshMcp)), (a) => a.close());
    });

    it('runs a harmless diagnostic at once and records why', async () => {
      const result = await run(agent, 'run-command', `whoami && ls -d ${work}`);
      expect(resultText(result)).toBe(`${sshd.user}\n${work}\n`);
      expect(airlock.airlock.broker.list()).toEqual([]);
      const decided = log.events.filter((e) => e.type === 'call.decided').at(-1);
      expect(decided).toMatchObject({
        decision: {
          action: 'allow',
          rule: 'allow-read-only-commands',
          reason: "Every command is in Airlock's read-only set: whoami, ls",
        },
      });
      const recorded = decided ? airlock.airlock.history.findCall(decided.callId) : null;
      expect(JSON.stringify(recorded)).toContain('allow-read-only-commands');
    });

    it("judges read-command's command itself instead of trusting ssh-mcp's classifier", async () => {
      const marker = join(work, 'read-command-probe');
      const command = `echo x > ${marker}`;
      const call = run(agent, 'read-command', command);
      const item = await waitForPending(airlock.airlock.broker, command);
      expect(item.rule.id).toBe('guard:writes');
      airlock.airlock.broker.decide({
        id: item.id,
        digest: item.digest,
        decision: { kind: 'deny', reason: 'no' },
        by: 'e2e-operator',
      });
      await call;
      expect(existsSync(marker)).toBe(false);
      await log.waitFor(eventOf('call.completed', item.callId), 'call.completed');
    });
  });
});
