/**
 * The gate identifies a server from its launch when neither tools/list nor serverInfo does, and
 * resolves ssh.host / ssh.user from ssh-mcp's quick-start flags before any list-connections call.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../shared/json';
import type { CallFields } from '../../shared/policy/fields';
import type { PolicyDocumentInput } from '../../shared/policy/schema';
import { initCommandAnalyzer } from '../../electron/policy/command/analyzer';
import { createCounterStore } from '../../electron/policy/counter-store';
import { createPolicyGate, type DecideInput } from '../../electron/policy/gate';
import { createPolicyInterceptor } from '../../electron/policy/interceptor';
import type { LaunchTargetCheck } from '../../electron/policy/launch-probe';
import { createPinStore } from '../../electron/policy/pin-store';
import { openPolicyDatabase } from '../../electron/policy/policy-db';
import type { SessionInfo, ToolCallContext } from '../../electron/proxy/interceptor';
import { compiled } from './helpers';

const QUICK_START = {
  command: 'npx',
  args: ['-y', 'ssh-mcp', '--host=10.0.0.5', '--port=2222', '--user=deploy', '--key=/k', '--group=dev'],
};

/** Denies anything on 10.0.0.5, allows the rest: only a resolved ssh.host can tell the two apart. */
const HOST_POLICY: PolicyDocumentInput = {
  version: 'airlock/1',
  default: 'allow',
  rules: [
    {
      id: 'no-prod-db',
      action: 'deny',
      reason: 'not on the database host',
      when: [{ op: 'eq', field: 'ssh.host', value: '10.0.0.5' }],
    },
  ],
};

async function gateWith(check: LaunchTargetCheck | undefined, doc: PolicyDocumentInput = HOST_POLICY) {
  const db = openPolicyDatabase(':memory:');
  const policy = compiled(doc);
  return createPolicyGate({
    store: { active: () => policy },
    counters: createCounterStore(db),
    pins: createPinStore(db),
    analyzer: await initCommandAnalyzer(),
    ...(check && { launchTargetCheck: check }),
  });
}

const noConfigFile: LaunchTargetCheck = () => true;
const call = (args: JsonObject, extra: Partial<DecideInput> = {}): DecideInput => ({
  sessionId: 's1',
  serverName: 'db',
  tool: 'run-command',
  arguments: args,
  ...extra,
});

describe('identification and target from the launch', () => {
  it('a session through the interceptor gets ssh.host/ssh.user from the launch flags before any listing', async () => {
    const gate = await gateWith(noConfigFile);
    const session: SessionInfo = {
      sessionId: 's1',
      serverName: 'db',
      target: { kind: 'inline', label: 'db' },
      upstream: { transport: 'stdio', ...QUICK_START },
      routing: { elicitation: 'queue', answerEarlyMs: null },
    };
    const decisions: { decision: unknown; fields: unknown }[] = [];
    const interceptor = createPolicyInterceptor(gate, () => Promise.reject(new Error('no holds here')));
    const ctx = (args: JsonObject): ToolCallContext => ({
      session,
      callId: `c-${decisions.length}`,
      tool: 'run-command',
      arguments: args,
      signal: new AbortController().signal,
      canReportProgress: false,
      reportProgress: () => undefined,
      queued: () => undefined,
      recordDecision: (decision, fields) => decisions.push({ decision, fields }),
      recordApproval: () => undefined,
    });
    const verdict = await interceptor.onToolCall(ctx({ command: 'uptime' }));
    expect(verdict).toMatchObject({ kind: 'reply', denied: true, reason: 'not on the database host' });
    expect(decisions[0]?.fields).toMatchObject({
      adapter: 'ssh-mcp',
      identifiedBy: 'launch',
      ssh: { risk: 'exec', host: '10.0.0.5', hostResolved: true, user: 'deploy', command: 'uptime' },
    });
    // Naming the quick-start profile resolves the same; another name is only an alias.
    expect(await interceptor.onToolCall(ctx({ command: 'uptime', profile: 'default' }))).toMatchObject({
      kind: 'reply',
    });
    const other = await interceptor.onToolCall(ctx({ command: 'uptime', profile: 'web' }));
    expect(other).toMatchObject({ kind: 'forward' });
    expect((decisions[2]?.fields as CallFields).ssh).toMatchObject({ host: 'web', hostResolved: false });
  });

  it('the flags are not trusted without a check, nor when ssh-mcp has a default config file', async () => {
    for (const check of [undefined, (() => false) satisfies LaunchTargetCheck]) {
      const gate = await gateWith(check);
      const d = gate.decide(call({ command: 'uptime' }, { launch: QUICK_START }));
      expect(d.fields).toMatchObject({ adapter: 'ssh-mcp', identifiedBy: 'launch' });
      expect(d.fields.ssh.host).toBeUndefined();
      expect(d.action).toBe('allow');
    }
  });

  it('tools/list and serverInfo outrank the launch; its target still applies to the same server', async () => {
    const gate = await gateWith(noConfigFile);
    gate.registerLaunch('db', QUICK_START);
    const byInfo = gate.decide(call({ command: 'id' }, { serverInfoName: 'SSH MCP Server' }));
    expect(byInfo.fields).toMatchObject({ identifiedBy: 'server-info', ssh: { host: '10.0.0.5' } });
    gate.onToolsList('db', [{ name: 'run-command' }, { name: 'list-connections' }]);
    const byTools = gate.decide(call({ command: 'id' }));
    expect(byTools.fields).toMatchObject({
      identifiedBy: 'tool-set',
      ssh: { host: '10.0.0.5', user: 'deploy' },
    });
    // A tool set naming another server family: the ssh-mcp flags say nothing about it.
    gate.registerLaunch('orch', QUICK_START);
    gate.onToolsList(
      'orch',
      ['ssh_run', 'ssh_plan', 'ssh_list_hosts'].map((name) => ({ name })),
    );
    const orch = gate.decide(call({ alias: 'web1', command: 'id' }, { serverName: 'orch', tool: 'ssh_run' }));
    expect(orch.fields).toMatchObject({
      adapter: 'mcp-ssh-orchestrator',
      ssh: { host: 'web1', hostResolved: false },
    });
  });

  it("the server's own listing replaces what the flags said", async () => {
    const gate = await gateWith(noConfigFile);
    gate.registerLaunch('db', QUICK_START);
    const list = gate.decide(call({}, { tool: 'list-connections', callId: 'list' }));
    gate.onResult(list.callId, true, 'default: root@192.168.1.9:22 [connected] sessions=0 role=admin');
    const after = gate.decide(call({ command: 'id' }));
    expect(after.fields.ssh).toMatchObject({ host: '192.168.1.9', user: 'root', hostResolved: true });
    expect(after.action).toBe('allow');
  });

  it('a session-registered launch applies to that session only; the tool-name guess only when asked', async () => {
    const gate = await gateWith(noConfigFile);
    expect(gate.registerLaunch('db', QUICK_START, 'only-this')?.adapter.id).toBe('ssh-mcp');
    expect(gate.decide(call({ command: 'id' }, { sessionId: 'only-this' })).fields.identifiedBy).toBe(
      'launch',
    );
    const elsewhere = gate.decide(call({ command: 'id' }, { sessionId: 'other' }));
    expect(elsewhere.fields).toMatchObject({ adapter: null, identifiedBy: 'none', ssh: { risk: 'unknown' } });
    gate.onSessionEnd('only-this');
    expect(gate.decide(call({ command: 'id' }, { sessionId: 'only-this' })).fields.identifiedBy).toBe('none');
    const guessed = gate.decide(call({ command: 'id' }, { sessionId: 'other', guessFromToolName: true }));
    expect(guessed.fields).toMatchObject({
      adapter: 'ssh-mcp',
      identifiedBy: 'tool-name',
      ssh: { risk: 'exec' },
    });
  });
});
