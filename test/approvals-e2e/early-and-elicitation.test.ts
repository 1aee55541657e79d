/**
 * Two ways a call waits on the operator besides a plain hold, end to end with the real ssh-mcp and sshd:
 * answer-early (a profile whose clients have short fixed time-outs gets "pending, retry" in time, and the
 * identical retry passes at once once approved), and ssh-mcp's own `elicitation/create` confirmation
 * prompt, which Airlock answers from its queue and never lets reach the client.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingRetryText } from '../../electron/core/approval-hold';
import type { ApprovalItem } from '../../shared/approvals/types';
import { prepareSshMcp } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import {
  Cleanups,
  connectAgent,
  recordEvents,
  resultText,
  startTestAirlock,
  waitForItem,
  waitForPending,
  type AgentClient,
  type EventLog,
  type TestAirlock,
} from '../support/in-process-airlock';

/**
 * `guarded` (ssh-mcp asking its own confirmations) runs commands unasked by Airlock; `early` waits.
 * (An ask rule beats an allow rule, so the two rules select disjoint servers.)
 */
const POLICY = {
  version: 'airlock/1',
  default: 'deny',
  rules: [
    { id: 'trust-guarded', server: 'guarded', tool: 'run-command', action: 'allow' },
    {
      id: 'hold-commands',
      server: 'early',
      tool: 'run-command',
      action: 'require_approval',
      reason: 'commands wait for you',
    },
  ],
};

describe('approvals end to end: answer-early retries and ssh-mcp confirmations', () => {
  const cleanups = new Cleanups();
  let sshd: SshdHandle;
  let airlock: TestAirlock;
  let log: EventLog;
  let work: string;

  beforeAll(async () => {
    work = cleanups.add(await mkdtemp(join(tmpdir(), 'al-work-')), (dir) =>
      rm(dir, { recursive: true, force: true }),
    );
    sshd = cleanups.add(await startSshd(), (s) => s.stop());
    airlock = cleanups.add(await startTestAirlock(POLICY), (a) => a.stop());
    log = cleanups.add(recordEvents(airlock.airlock), (l) => l.stop());
  });
  afterAll(() => cleanups.run());

  /** Calls `run-command`; `timeout` is a client's own fixed request time-out (the SDK rejects after it). */
  const run = (client: AgentClient, command: string, timeout?: number) => {
    const call = client.client.callTool(
      { name: 'run-command', arguments: { command } },
      undefined,
      timeout !== undefined ? { timeout } : {},
    );
    call.catch(() => undefined);
    return call;
  };

  it('answer-early: "pending, retry" in time; once approved the identical retry runs at once', async () => {
    const sshMcp = cleanups.add(await prepareSshMcp(sshd, { approvalMode: 'auto' }), (l) => l.cleanup());
    airlock.airlock.core.profiles.save({
      name: 'early',
      command: sshMcp.command,
      args: sshMcp.args,
      env: sshMcp.env,
      answerEarly: { enabled: true, afterMs: 1000 },
    });
    const agent = cleanups.add(await connectAgent(airlock.profileBridge('early')), (a) => a.close());
    const file = join(work, 'early.txt');
    const command = `echo answered-early > ${file} && cat ${file}`;
    const broker = airlock.airlock.broker;

    // A client that gives up after 10 s: the answer must come before that, while the item still waits.
    const first = await run(agent, command, 10_000);
    const item = await waitForPending(broker, command);
    expect(first.isError).toBe(true);
    expect(resultText(first)).toBe(pendingRetryText(item.id));
    expect(resultText(first)).toMatch(/pending|holding this call for operator approval/i);
    expect(resultText(first)).toMatch(/call the tool again with exactly the same arguments/);
    // Answered early, the item still waits for the operator, and nothing has run.
    expect(broker.get(item.id)?.state.kind).toBe('pending');
    expect(existsSync(file)).toBe(false);

    expect(
      broker.decide({ id: item.id, digest: item.digest, decision: { kind: 'approve', scope: 'once' } }),
    ).toMatchObject({
      ok: true,
    });
    const added: ApprovalItem[] = [];
    const unsubscribe = broker.subscribe((change) => {
      if (change.type === 'added') added.push(change.item);
    });
    try {
      const before = log.events.length;
      const retry = await run(agent, command);
      expect(retry.isError).toBeFalsy();
      expect(resultText(retry)).toBe('answered-early\n');
      expect(added).toEqual([]);
      const approvals = log.events.slice(before).filter((e) => e.type === 'call.approval');
      expect(approvals.map((e) => e.outcome)).toEqual([{ kind: 'approved', by: 'operator', scope: 'once' }]);
      expect(await readFile(file, 'utf8')).toBe('answered-early\n');
    } finally {
      unsubscribe();
    }
  });

  it("ssh-mcp's own confirmation is answered from the queue (approve runs, deny refuses), never by the client", async () => {
    const sshMcp = cleanups.add(await prepareSshMcp(sshd, { approvalMode: 'ask-destructive' }), (l) =>
      l.cleanup(),
    );
    const asked: unknown[] = [];
    const agent = cleanups.add(
      await connectAgent(airlock.bridge('guarded', sshMcp), { elicitation: {} }),
      (a) => a.close(),
    );
    // A client that would accept anything: if a prompt reached it, the command would run unseen.
    agent.client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return { action: 'accept', content: { confirm: true } };
    });
    const broker = airlock.airlock.broker;
    const confirmation = (dir: string) =>
      waitForItem(
        broker,
        (item) =>
          item.kind === 'elicitation' &&
          item.state.kind === 'pending' &&
          typeof item.arguments.message === 'string' &&
          item.arguments.message.includes(dir),
        `confirmation for ${dir}`,
      );

    const approvedDir = join(work, 'remove-me');
    await mkdir(join(approvedDir, 'inner'), { recursive: true });
    const approvedCall = run(agent, `rm -rf ${approvedDir}`);
    const prompt = await confirmation(approvedDir);
    expect(prompt).toMatchObject({
      tool: 'elicitation/create',
      serverName: 'guarded',
      rule: { id: 'upstream-confirmation' },
    });
    expect(existsSync(approvedDir)).toBe(true);
    expect(
      broker.decide({ id: prompt.id, digest: prompt.digest, decision: { kind: 'approve', scope: 'once' } }),
    ).toMatchObject({
      ok: true,
    });
    const approved = await approvedCall;
    expect(approved.isError).toBeFalsy();
    expect(existsSync(approvedDir)).toBe(false);

    const keptDir = join(work, 'keep-me');
    await mkdir(keptDir);
    const deniedCall = run(agent, `rm -rf ${keptDir}`);
    const second = await confirmation(keptDir);
    expect(
      broker.decide({ id: second.id, digest: second.digest, decision: { kind: 'deny', reason: 'keep it' } }),
    ).toMatchObject({ ok: true });
    const denied = await deniedCall;
    expect(denied.isError).toBe(true);
    expect(resultText(denied)).toMatch(/^APPROVAL_DENIED/);
    expect(existsSync(keptDir)).toBe(true);

    expect(asked).toEqual([]);
    // Airlock's policy allowed both calls: the only human step was ssh-mcp's own prompt.
    const decisions = log.events.flatMap((e) =>
      e.type === 'call.decided' && e.sessionId === prompt.sessionId ? [e.decision] : [],
    );
    expect(decisions.map((d) => [d.action, d.rule])).toEqual([
      ['allow', 'trust-guarded'],
      ['allow', 'trust-guarded'],
    ]);
    expect(
      broker
        .list()
        .filter((i) => i.sessionId === prompt.sessionId)
        .map((i) => i.kind),
    ).toEqual(['elicitation', 'elicitation']);
  });
});
