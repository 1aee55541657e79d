/**
 * One decision per command, end to end (`airlock mcp` → ssh-mcp 2.11 → real sshd): a destructive command
 * Airlock holds and the operator approves runs with exactly one queue item, because ssh-mcp's own
 * confirmation prompt is answered from that approval; the same command let through by a policy allow rule
 * still makes ssh-mcp's prompt a queue item, now linked to its call; and every prompt with its answer is
 * in history on the call's timeline. `rm -rf` of a directory under a temporary folder is what ssh-mcp's
 * classifier prompts for (`DESTRUCTIVE_PATTERNS`: `rm -rf /…`), and harmless there.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalItem } from '../../shared/approvals/types';
import type { CoreEvent } from '../../shared/events';
import { prepareSshMcp, type SshMcpLaunch } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import {
  Cleanups,
  connectAgent,
  recordEvents,
  resultText,
  startTestAirlock,
  waitForItem,
  type AgentClient,
  type EventLog,
  type TestAirlock,
} from '../support/in-process-airlock';

/** `held` and `direct` hold every command for the operator; `guarded` lets commands through unasked. */
const POLICY = {
  version: 'airlock/1',
  default: 'deny',
  rules: [
    { id: 'trust-guarded', server: 'guarded', tool: 'run-command', action: 'allow' },
    { id: 'hold-held', server: 'held', tool: 'run-command', action: 'require_approval', reason: 'held' },
    { id: 'hold-direct', server: 'direct', tool: 'run-command', action: 'require_approval', reason: 'held' },
  ],
};

describe('one decision per command: ssh-mcp confirmations and Airlock approvals', () => {
  const cleanups = new Cleanups();
  let sshd: SshdHandle;
  let sshMcp: SshMcpLaunch;
  let airlock: TestAirlock;
  let log: EventLog;
  let work: string;

  beforeAll(async () => {
    work = cleanups.add(await mkdtemp(join(tmpdir(), 'al-one-')), (dir) =>
      rm(dir, { recursive: true, force: true }),
    );
    sshd = cleanups.add(await startSshd(), (s) => s.stop());
    sshMcp = cleanups.add(await prepareSshMcp(sshd, { approvalMode: 'ask-destructive' }), (l) => l.cleanup());
    airlock = cleanups.add(await startTestAirlock(POLICY), (a) => a.stop());
    log = cleanups.add(recordEvents(airlock.airlock), (l) => l.stop());
  });
  afterAll(() => cleanups.run());

  /** An agent whose client would accept any prompt: if one reached it, it is recorded in `asked`. */
  const agentFor = async (
    label: string,
    flags: readonly string[] = [],
    answer: 'accept' | 'decline' = 'accept',
  ): Promise<{ agent: AgentClient; asked: unknown[] }> => {
    const asked: unknown[] = [];
    const agent = cleanups.add(
      await connectAgent(airlock.bridge(label, sshMcp, flags), { elicitation: {} }),
      (a) => a.close(),
    );
    agent.client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
    });
    return { agent, asked };
  };

  const run = (agent: AgentClient, command: string) => {
    const call = agent.client.callTool({ name: 'run-command', arguments: { command } });
    call.catch(() => undefined);
    return call;
  };

  /** Queue items added from now on, per session. */
  const watchAdded = (): { added: ApprovalItem[]; stop: () => void } => {
    const added: ApprovalItem[] = [];
    const stop = airlock.airlock.broker.subscribe((change) => {
      if (change.type === 'added') added.push(change.item);
    });
    cleanups.add(stop, (s) => s());
    return { added, stop };
  };

  const received = (command: string, since: number) =>
    log.events
      .slice(since)
      .find(
        (e): e is Extract<CoreEvent, { type: 'call.received' }> =>
          e.type === 'call.received' && e.arguments.command === command,
      );

  const promptEvents = (sessionId: string, since: number) =>
    log.events
      .slice(since)
      .filter(
        (e) => (e.type === 'prompt.received' || e.type === 'prompt.answered') && e.sessionId === sessionId,
      );

  const pendingCall = (command: string) =>
    waitForItem(
      airlock.airlock.broker,
      (item) =>
        item.kind === 'tool-call' && item.state.kind === 'pending' && item.arguments.command === command,
      `held call ${command}`,
    );

  const confirmation = (dir: string) =>
    waitForItem(
      airlock.airlock.broker,
      (item) =>
        item.kind === 'elicitation' &&
        item.state.kind === 'pending' &&
        typeof item.arguments.message === 'string' &&
        item.arguments.message.includes(dir),
      `confirmation for ${dir}`,
    );

  it('a held command approved once runs with exactly one queue item; its prompt is answered from that approval', async () => {
    const { agent, asked } = await agentFor('held');
    const dir = join(work, 'approved-once');
    await mkdir(join(dir, 'inner'), { recursive: true });
    const command = `rm -rf ${dir}`;
    const since = log.events.length;
    const { added, stop } = watchAdded();

    const call = run(agent, command);
    const item = await pendingCall(command);
    expect(existsSync(dir)).toBe(true);
    const broker = airlock.airlock.broker;
    expect(
      broker.decide({ id: item.id, digest: item.digest, decision: { kind: 'approve', scope: 'once' } }),
    ).toMatchObject({
      ok: true,
    });
    const result = await call;
    stop();
    expect(result.isError).toBeFalsy();
    expect(existsSync(dir)).toBe(false);
    // ssh-mcp did ask (it runs with ask-destructive); Airlock answered, and neither the client nor the queue saw it.
    expect(asked).toEqual([]);
    expect(added.filter((i) => i.sessionId === item.sessionId).map((i) => [i.kind, i.id])).toEqual([
      ['tool-call', item.id],
    ]);
    expect(broker.list().filter((i) => i.sessionId === item.sessionId)).toHaveLength(1);

    const prompts = promptEvents(item.sessionId, since);
    expect(prompts.map((e) => e.type)).toEqual(['prompt.received', 'prompt.answered']);
    expect(prompts[0]).toMatchObject({
      callId: item.callId,
      method: 'elicitation/create',
      route: 'approval',
      linkedBy: 'command',
      itemId: null,
      related: [{ callId: item.callId, tool: 'run-command', command, approved: true }],
    });

    const recorded = airlock.airlock.history.findCall(item.callId, item.sessionId);
    expect(recorded?.approval?.outcome).toEqual({ kind: 'approved', by: 'operator', scope: 'once' });
    expect(recorded?.prompts).toHaveLength(1);
    const [prompt] = recorded?.prompts ?? [];
    expect(prompt).toMatchObject({
      method: 'elicitation/create',
      route: 'approval',
      itemId: null,
      related: [{ callId: item.callId, approved: true }],
      answer: {
        answer: { kind: 'accept', content: { confirm: true } },
        by: {
          kind: 'approval',
          callId: item.callId,
          outcome: { kind: 'approved', by: 'operator', scope: 'once' },
        },
      },
    });
    expect(prompt?.params.message).toContain(command);
    // On the call's timeline: the prompt arrived after the call was forwarded and was answered before it ended.
    const { forwarded, outcome } = recorded ?? {};
    expect(prompt?.at).toBeGreaterThanOrEqual(forwarded?.at ?? Infinity);
    expect(prompt?.answer?.at).toBeLessThanOrEqual(outcome?.at ?? -Infinity);
  });

  it('approve for the session: the identical command later runs on the grant, its prompt answered from it', async () => {
    const { agent, asked } = await agentFor('held');
    const dir = join(work, 'granted');
    const command = `rm -rf ${dir}`;
    const broker = airlock.airlock.broker;

    await mkdir(dir);
    const first = run(agent, command);
    const item = await pendingCall(command);
    expect(
      broker.decide({ id: item.id, digest: item.digest, decision: { kind: 'approve', scope: 'session' } }),
    ).toMatchObject({
      ok: true,
    });
    expect((await first).isError).toBeFalsy();

    await mkdir(dir);
    const since = log.events.length;
    const { added, stop } = watchAdded();
    const second = await run(agent, command);
    stop();
    expect(second.isError).toBeFalsy();
    expect(existsSync(dir)).toBe(false);
    expect(added).toEqual([]);
    expect(asked).toEqual([]);
    const secondCall = received(command, since);
    expect(secondCall).toBeDefined();
    const recorded = airlock.airlock.history.findCall(secondCall?.callId ?? '', item.sessionId);
    expect(recorded?.approval?.outcome).toEqual({ kind: 'session-grant' });
    expect(recorded?.prompts.map((p) => [p.route, p.answer?.answer.kind, p.answer?.by])).toEqual([
      [
        'approval',
        'accept',
        { kind: 'approval', callId: secondCall?.callId, outcome: { kind: 'session-grant' } },
      ],
    ]);
  });

  it('the same command let through by a policy allow rule: the prompt is a queue item linked to its call; declined, it is in history', async () => {
    const { agent, asked } = await agentFor('guarded');
    const dir = join(work, 'policy-allowed');
    await mkdir(dir);
    const command = `rm -rf ${dir}`;
    const since = log.events.length;

    const call = run(agent, command);
    const prompt = await confirmation(dir);
    const callEvent = received(command, since);
    expect(callEvent).toBeDefined();
    const callId = callEvent?.callId ?? '';
    expect(prompt.relatedCalls).toHaveLength(1);
    const [link] = prompt.relatedCalls;
    expect(link?.callId).toBe(callId);
    expect(link?.approved).toBe(false);
    expect(link?.tool.segments).toEqual([{ kind: 'text', text: 'run-command' }]);
    expect(link?.command?.segments).toEqual([{ kind: 'text', text: command }]);
    expect(prompt.rule.id).toBe('upstream-confirmation');

    const broker = airlock.airlock.broker;
    expect(
      broker.decide({ id: prompt.id, digest: prompt.digest, decision: { kind: 'deny', reason: 'keep it' } }),
    ).toMatchObject({ ok: true });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/^APPROVAL_DENIED/);
    expect(existsSync(dir)).toBe(true);
    expect(asked).toEqual([]);

    const recorded = airlock.airlock.history.findCall(callId, prompt.sessionId);
    expect(recorded?.decision).toMatchObject({ action: 'allow', rule: 'trust-guarded' });
    expect(recorded?.approval).toBeNull();
    expect(recorded?.prompts).toHaveLength(1);
    expect(recorded?.prompts[0]).toMatchObject({
      route: 'queue',
      linkedBy: 'command',
      itemId: prompt.id,
      related: [{ callId, tool: 'run-command', command, approved: false }],
      answer: {
        answer: { kind: 'decline' },
        by: {
          kind: 'queue',
          itemId: prompt.id,
          outcome: { kind: 'denied', by: 'operator', reason: 'keep it' },
        },
      },
    });
    expect(recorded?.prompts[0]?.answer?.waitedMs).toBeGreaterThanOrEqual(0);
    expect(airlock.airlock.history.findCall(callId, prompt.sessionId)?.outcome).toMatchObject({
      kind: 'result',
      isError: true,
    });
  });

  it('elicitation: client stays as it was — approved, the prompt still goes to the client, and its answer is recorded', async () => {
    const { agent, asked } = await agentFor('direct', ['--elicitation', 'client'], 'decline');
    const dir = join(work, 'client-routed');
    await mkdir(dir);
    const command = `rm -rf ${dir}`;
    const call = run(agent, command);
    const item = await pendingCall(command);
    const broker = airlock.airlock.broker;
    expect(
      broker.decide({ id: item.id, digest: item.digest, decision: { kind: 'approve', scope: 'once' } }),
    ).toMatchObject({
      ok: true,
    });
    const result = await call;
    expect(resultText(result)).toMatch(/^APPROVAL_DENIED/);
    expect(existsSync(dir)).toBe(true);
    expect(asked).toHaveLength(1);
    expect(broker.list().filter((i) => i.sessionId === item.sessionId && i.kind === 'elicitation')).toEqual(
      [],
    );

    const recorded = airlock.airlock.history.findCall(item.callId, item.sessionId);
    expect(recorded?.prompts.map((p) => [p.route, p.answer?.answer, p.answer?.by])).toEqual([
      ['client', { kind: 'decline' }, { kind: 'client' }],
    ]);
  });
});
