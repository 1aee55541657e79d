/**
 * Operator decisions on held calls, end to end with real parts: an SDK client launches `airlock mcp`,
 * which fronts the real ssh-mcp (approval mode `auto`, so only Airlock judges) against the rig's real
 * sshd; the Airlock core runs in this process and the test decides through its approval broker, as the
 * console would. Every test checks what really happened on the SSH host (files written or not).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENIAL_PREFIX } from '../../electron/proxy/tool-result';
import type { ApprovalItem } from '../../shared/approvals/types';
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
  waitForState,
  type AgentClient,
  type EventLog,
  type TestAirlock,
} from '../support/in-process-airlock';

/** Every `run-command` waits for the operator; commands mentioning `expiry-probe` expire after 1 s. */
const POLICY = {
  version: 'airlock/1',
  default: 'deny',
  rules: [
    {
      id: 'short-expiry',
      tool: 'run-command',
      action: 'require_approval',
      reason: 'held briefly',
      expiresInMs: 1000,
      when: [{ op: 'regex', field: 'args.command', value: 'expiry-probe' }],
    },
    { id: 'hold-commands', tool: 'run-command', action: 'require_approval', reason: 'commands wait for you' },
  ],
};

describe('approvals end to end: ssh-mcp through airlock mcp, decided by the operator', () => {
  const cleanups = new Cleanups();
  let sshd: SshdHandle;
  let sshMcp: SshMcpLaunch;
  let airlock: TestAirlock;
  let log: EventLog;
  let agent: AgentClient;
  /** Where commands on the SSH host write (the rig's sshd runs on this machine as this user). */
  let work: string;

  beforeAll(async () => {
    work = cleanups.add(await mkdtemp(join(tmpdir(), 'al-work-')), (dir) =>
      rm(dir, { recursive: true, force: true }),
    );
    sshd = cleanups.add(await startSshd(), (s) => s.stop());
    sshMcp = cleanups.add(await prepareSshMcp(sshd, { approvalMode: 'auto' }), (l) => l.cleanup());
    airlock = cleanups.add(await startTestAirlock(POLICY), (a) => a.stop());
    log = cleanups.add(recordEvents(airlock.airlock), (l) => l.stop());
    agent = cleanups.add(await connectAgent(airlock.bridge('ssh', sshMcp)), (a) => a.close());
  });
  afterAll(() => cleanups.run());

  const broker = (): TestAirlock['airlock']['broker'] => airlock.airlock.broker;
  /** Calls `run-command`; a test that fails before awaiting the call leaves no unhandled rejection. */
  const run = (client: AgentClient, command: string, signal?: AbortSignal) => {
    const call = client.client.callTool(
      { name: 'run-command', arguments: { command } },
      undefined,
      signal ? { signal } : {},
    );
    call.catch(() => undefined);
    return call;
  };
  const decide = (item: ApprovalItem, decision: unknown, digest = item.digest) =>
    broker().decide({ id: item.id, digest, decision, by: 'e2e-operator' });

  it('approve once: the command runs on the SSH host and its real output reaches the client', async () => {
    const file = join(work, 'once.txt');
    const command = `echo approved-once > ${file} && cat ${file} && id -un`;
    const call = run(agent, command);
    const item = await waitForPending(broker(), command);
    expect(item).toMatchObject({ kind: 'tool-call', tool: 'run-command', serverName: 'ssh' });
    expect(item.rule.id).toBe('hold-commands');
    expect(item.client).toEqual({ name: 'approvals-e2e-agent', version: '1.0.0' });
    expect(existsSync(file)).toBe(false);

    expect(decide(item, { kind: 'approve', scope: 'once' })).toMatchObject({ ok: true });
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(resultText(result)).toBe(`approved-once\n${sshd.user}\n`);
    expect(await readFile(file, 'utf8')).toBe('approved-once\n');
    expect(broker().get(item.id)?.state).toMatchObject({
      kind: 'approved',
      by: 'e2e-operator',
      scope: 'once',
    });
  });

  it('deny with a reason: the client reads the reason as an error result and nothing runs', async () => {
    const file = join(work, 'denied.txt');
    const command = `touch ${file}`;
    const call = run(agent, command);
    const item = await waitForPending(broker(), command);
    expect(decide(item, { kind: 'deny', reason: 'not during the freeze' })).toMatchObject({ ok: true });
    const result = await call;
    expect(result.isError).toBe(true);
    const text = resultText(result);
    expect(text.startsWith(DENIAL_PREFIX)).toBe(true);
    expect(text).toContain('not during the freeze');
    expect(log.ofCall(item.callId).some((e) => e.type === 'call.forwarded')).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('edit then approve: the edited command is what runs, and history keeps both versions', async () => {
    const original = join(work, 'original.txt');
    const edited = join(work, 'edited.txt');
    const command = `echo as-asked > ${original}`;
    const editedCommand = `echo as-edited > ${edited}`;
    const call = run(agent, command);
    const item = await waitForPending(broker(), command);
    expect(decide(item, { kind: 'edit', arguments: { command: editedCommand } })).toMatchObject({ ok: true });
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(await readFile(edited, 'utf8')).toBe('as-edited\n');
    expect(existsSync(original)).toBe(false);

    const forwarded = await log.waitFor(eventOf('call.forwarded', item.callId), 'call.forwarded');
    expect(forwarded).toMatchObject({ edited: true, arguments: { command: editedCommand } });
    const recorded = airlock.airlock.history.findCall(item.callId);
    expect(recorded).toMatchObject({
      tool: 'run-command',
      arguments: { command },
      forwarded: { edited: true, arguments: { command: editedCommand } },
      approval: { outcome: { kind: 'edited-and-approved', by: 'e2e-operator', original: { command } } },
      status: 'completed',
    });
  });

  it('approve for session: an identical call in the same session runs unasked; another session is held', async () => {
    const file = join(work, 'grant.txt');
    const command = `echo granted >> ${file}`;
    const first = run(agent, command);
    const item = await waitForPending(broker(), command);
    expect(decide(item, { kind: 'approve', scope: 'session' })).toMatchObject({ ok: true });
    expect((await first).isError).toBeFalsy();

    const added: ApprovalItem[] = [];
    const unsubscribe = broker().subscribe((change) => {
      if (change.type === 'added') added.push(change.item);
    });
    try {
      const before = log.events.length;
      const second = await run(agent, command);
      expect(second.isError).toBeFalsy();
      expect(added).toEqual([]);
      const approvals = log.events.slice(before).filter((e) => e.type === 'call.approval');
      expect(approvals.map((e) => e.outcome)).toEqual([{ kind: 'session-grant' }]);
      expect(await readFile(file, 'utf8')).toBe('granted\ngranted\n');

      const other = cleanups.add(await connectAgent(airlock.bridge('ssh', sshMcp)), (a) => a.close());
      const third = run(other, command);
      const held = await waitForPending(broker(), command);
      expect(held.sessionId).not.toBe(item.sessionId);
      expect(decide(held, { kind: 'deny', reason: 'not for this session' })).toMatchObject({ ok: true });
      expect((await third).isError).toBe(true);
      expect(await readFile(file, 'utf8')).toBe('granted\ngranted\n');
      await other.close();
    } finally {
      unsubscribe();
    }
  });

  it('expiry: an undecided call is denied as expired once the rule expiry passes', async () => {
    const file = join(work, 'expired.txt');
    const command = `touch ${file} # expiry-probe`;
    const call = run(agent, command);
    const item = await waitForPending(broker(), command);
    expect(item.rule.id).toBe('short-expiry');
    expect(item.expiresAt - item.createdAt).toBe(1000);
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toBe(`${DENIAL_PREFIX}Approval expired after 1 second`);
    expect(broker().get(item.id)?.state.kind).toBe('expired');
    expect(decide(item, { kind: 'approve', scope: 'once' })).toMatchObject({
      ok: false,
      error: 'not-pending',
    });
    expect(existsSync(file)).toBe(false);
  });

  it('client cancel: aborting the call withdraws the item and nothing runs', async () => {
    const file = join(work, 'cancelled.txt');
    const command = `touch ${file}`;
    const controller = new AbortController();
    const call = run(agent, command, controller.signal);
    const item = await waitForPending(broker(), command);
    controller.abort(new Error('the user pressed stop'));
    await expect(call).rejects.toThrow();
    await waitForState(broker(), item.id, 'withdrawn-by-client');
    const completed = await log.waitFor(eventOf('call.completed', item.callId), 'call.completed');
    expect(completed.outcome.kind).toBe('cancelled');
    expect(decide(item, { kind: 'approve', scope: 'once' })).toMatchObject({
      ok: false,
      error: 'not-pending',
    });
    expect(log.ofCall(item.callId).some((e) => e.type === 'call.forwarded')).toBe(false);
    // The session still works, and the withdrawn command never ran.
    const probe = `test -e ${file} && echo present || echo absent`;
    const check = run(agent, probe);
    expect(decide(await waitForPending(broker(), probe), { kind: 'approve', scope: 'once' })).toMatchObject({
      ok: true,
    });
    expect(resultText(await check)).toBe('absent\n');
  });

  it('a decision with the wrong digest is refused and the item stays pending; the right one works', async () => {
    const file = join(work, 'digest.txt');
    const command = `echo digest-bound > ${file}`;
    const call = run(agent, command);
    const item = await waitForPending(broker(), command);
    const wrong = '0'.repeat(64);
    expect(wrong).not.toBe(item.digest);
    expect(decide(item, { kind: 'approve', scope: 'once' }, wrong)).toMatchObject({
      ok: false,
      error: 'digest-mismatch',
    });
    expect(broker().get(item.id)?.state.kind).toBe('pending');
    expect(existsSync(file)).toBe(false);
    expect(decide(item, { kind: 'approve', scope: 'once' })).toMatchObject({ ok: true });
    expect((await call).isError).toBeFalsy();
    expect(await readFile(file, 'utf8')).toBe('digest-bound\n');
  });

  it('core shutdown with calls pending: every client gets a clear answer and nothing runs', async () => {
    const local = new Cleanups();
    try {
      const other = local.add(await startTestAirlock(POLICY), (a) => a.stop());
      const clients = [
        local.add(await connectAgent(other.bridge('ssh', sshMcp)), (a) => a.close()),
        local.add(await connectAgent(other.bridge('ssh', sshMcp)), (a) => a.close()),
      ];
      const files = clients.map((_, i) => join(work, `shutdown-${i}.txt`));
      const answers = Promise.allSettled(clients.map((client, i) => run(client, `touch ${files[i] ?? ''}`)));
      await Promise.all(files.map((file) => waitForPending(other.airlock.broker, `touch ${file}`)));
      await other.stop();
      for (const answer of await answers) {
        // A denial result (the broker's) or an MCP error (the session's), whichever reaches the client first.
        if (answer.status === 'fulfilled') {
          expect(answer.value.isError).toBe(true);
          expect(resultText(answer.value)).toMatch(/shutting down/i);
        } else {
          expect((answer.reason as Error).message).toMatch(/shutting down/i);
        }
      }
      for (const file of files) expect(existsSync(file)).toBe(false);
    } finally {
      await local.run();
    }
  });
});
