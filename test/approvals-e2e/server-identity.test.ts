/**
 * Server identity end to end: real SDK clients launch `airlock mcp` against real upstreams. Two
 * different servers started by the same launcher (`node …`) get different names and never share pins;
 * ssh-mcp launched two ways is ssh-mcp for the adapter and for `server` globs; a `--name` reused by a
 * different command line runs under its own fingerprinted name and waits for the operator until the
 * name is accepted with `airlock servers accept-name`.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_DB_FILE } from '../../electron/policy/policy-db';
import { prepareSshMcp, sshMcpEntry, type SshMcpLaunch } from '../ssh/ssh-mcp-launch';
import { startSshd, type SshdHandle } from '../ssh/sshd-harness';
import { everythingServer, probeFixture, runCli } from '../support/airlock-harness';
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
import type { CoreEvent } from '../../shared/events';
import { safeTextToString } from '../../shared/safe-text';

const ALLOW_ALL = {
  version: 'airlock/1',
  default: 'allow',
  rules: [
    {
      id: 'no-rm-on-ssh-mcp',
      server: 'ssh-mcp',
      tool: 'run-command',
      action: 'deny',
      when: [{ op: 'command', quantifier: 'some', match: { program: ['rm'] } }],
    },
  ],
};

const probe = { command: process.execPath, args: [probeFixture] };
const everything = { command: process.execPath, args: [everythingServer, 'stdio'] };

type Opened = Extract<CoreEvent, { type: 'session.opened' }>;
type Decided = Extract<CoreEvent, { type: 'call.decided' }>;
type Received = Extract<CoreEvent, { type: 'call.received' }>;

describe('server identity end to end', () => {
  const cleanups = new Cleanups();
  let airlock: TestAirlock;
  let log: EventLog;

  beforeAll(async () => {
    airlock = cleanups.add(await startTestAirlock(ALLOW_ALL), (a) => a.stop());
    log = cleanups.add(recordEvents(airlock.airlock), (l) => l.stop());
  });
  afterAll(() => cleanups.run());

  const connect = async (params: Parameters<typeof connectAgent>[0]): Promise<AgentClient> =>
    cleanups.add(await connectAgent(params), (a) => a.close());
  const serverNames = (): string[] =>
    log.events.filter((e): e is Opened => e.type === 'session.opened').map((e) => e.serverName);
  const decisionOf = async (callId: string): Promise<Decided> =>
    log.waitFor(
      (e): e is Decided => e.type === 'call.decided' && e.callId === callId,
      `decision of ${callId}`,
    );
  const lastCallId = (tool: string): string => {
    const received = log.events.filter((e): e is Received => e.type === 'call.received' && e.tool === tool);
    const last = received[received.length - 1];
    if (!last) throw new Error(`no ${tool} call`);
    return last.callId;
  };
  const pinnedServers = (): string[] => {
    const db = new Database(join(airlock.dataDir, POLICY_DB_FILE), { readonly: true });
    try {
      return db
        .prepare<[], { server: string }>(
          "SELECT DISTINCT server FROM pins WHERE tool = 'echo' ORDER BY server",
        )
        .all()
        .map((r) => r.server);
    } finally {
      db.close();
    }
  };

  it('gives two servers started as `node …` different names, pins and decisions', async () => {
    const before = serverNames().length;
    const a = await connect(airlock.inlineBridge(probe));
    const b = await connect(airlock.inlineBridge(everything));
    const [nameA, nameB] = serverNames().slice(before);
    expect(nameA).toMatch(/^probe-fixture\.js#[0-9a-f]{8}$/);
    expect(nameB).toMatch(/^server-everything#[0-9a-f]{8}$/);
    // Both list a tool called echo with different definitions: neither is a changed pin of the other.
    expect(resultText(await a.client.callTool({ name: 'echo', arguments: { message: 'a' } }))).toContain(
      '"a"',
    );
    expect((await decisionOf(lastCallId('echo'))).decision.action).toBe('allow');
    expect(resultText(await b.client.callTool({ name: 'echo', arguments: { message: 'b' } }))).toContain('b');
    expect((await decisionOf(lastCallId('echo'))).decision).toMatchObject({
      action: 'allow',
      rule: 'default',
    });
    expect(pinnedServers()).toEqual(expect.arrayContaining([nameA, nameB]));
    expect(pinnedServers()).not.toContain('node');
  });

  it('holds the calls of a different command line that reuses a --name until the name is accepted', async () => {
    const first = await connect(airlock.bridge('shared', probe));
    await first.client.callTool({ name: 'echo', arguments: { message: 'first' } });
    expect((await decisionOf(lastCallId('echo'))).decision.action).toBe('allow');
    const before = serverNames().length;
    const second = await connect(airlock.bridge('shared', everything));
    const [secondName] = serverNames().slice(before);
    expect(secondName).toMatch(/^shared#[0-9a-f]{8}$/);

    const call = second.client.callTool({ name: 'echo', arguments: { message: 'second' } });
    call.catch(() => undefined);
    const item = await waitForItem(
      airlock.airlock.broker,
      (i) => i.serverName === secondName && i.state.kind === 'pending',
      'the reused name held',
    );
    expect(item.rule.id).toBe('identity:name-reused');
    expect(safeTextToString(item.rule.reason)).toContain('airlock servers accept-name shared');
    airlock.airlock.broker.decide({
      id: item.id,
      digest: item.digest,
      decision: { kind: 'approve', scope: 'once' },
    });
    expect(resultText(await call)).toContain('second');
    // Pins of the two stay apart: the second's echo is not a change of the first's.
    expect(pinnedServers()).toEqual(expect.arrayContaining(['shared', secondName]));

    const names = await runCli(['servers', 'names', '--data-dir', airlock.dataDir]);
    expect(names.stdout).toContain(`waiting: ${process.execPath} ${everythingServer} stdio`);
    const accepted = await runCli(['servers', 'accept-name', 'shared', '--data-dir', airlock.dataDir]);
    expect(accepted.code).toBe(0);
    // The running session now owns the name: its calls are no longer held for it.
    await second.client.callTool({ name: 'echo', arguments: { message: 'again' } });
    expect((await decisionOf(lastCallId('echo'))).decision.action).toBe('allow');
    const refused = await runCli(['servers', 'accept-name', 'shared', '--data-dir', airlock.dataDir]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("no other command line is waiting for the name 'shared'");
  });

  describe('ssh-mcp launched two ways', () => {
    let sshd: SshdHandle;
    let sshMcp: SshMcpLaunch;
    beforeAll(async () => {
      sshd = cleanups.add(await startSshd(), (s) => s.stop());
      sshMcp = cleanups.add(await prepareSshMcp(sshd, { approvalMode: 'auto' }), (l) => l.cleanup());
    });

    it('is ssh-mcp for the adapter and for a `server: ssh-mcp` rule either way', async () => {
      const config = sshMcp.args.slice(1);
      const launches = [
        { ...sshMcp, command: process.execPath, args: [sshMcpEntry(), ...config] },
        { ...sshMcp, command: join(sshMcpEntry(), '..', '..', '..', '.bin', 'ssh-mcp'), args: config },
      ];
      const before = serverNames().length;
      for (const launch of launches) {
        const agent = await connect(airlock.inlineBridge(launch));
        const result = await agent.client.callTool({
          name: 'run-command',
          arguments: { command: 'rm -rf /tmp/nothing-here' },
        });
        expect(result.isError).toBe(true);
        const decided = await decisionOf(lastCallId('run-command'));
        expect(decided.decision).toMatchObject({ action: 'deny', rule: 'no-rm-on-ssh-mcp' });
      }
      const names = serverNames().slice(before);
      expect(names).toHaveLength(2);
      expect(names.every((n) => /^ssh-mcp#[0-9a-f]{8}$/.test(n))).toBe(true);
      expect(new Set(names).size).toBe(2);
    });
  });
});
