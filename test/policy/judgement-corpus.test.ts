/**
 * Command judgement, measured: no escape from an allow list of harmless programs is allowed; the
 * default policy runs the everyday read-only diagnostics unheld (at least 90%) and never allows what
 * writes, deletes, installs, restarts, escalates or runs code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyGate } from '../../electron/policy/gate';
import { DEFAULT_POLICY } from '../../shared/policy/default-policy';
import { runCommand, testGate } from './helpers';
import { ALLOW_LIST_ESCAPES, DIAGNOSTICS, HARMLESS_PROGRAMS, MUST_HOLD } from './judgement-cases';

const allowList = {
  version: 'airlock/1',
  default: 'deny',
  rules: [
    {
      id: 'allow-harmless',
      tool: ['run-command', 'read-command'],
      action: 'allow',
      when: [{ op: 'command', quantifier: 'every', match: { program: HARMLESS_PROGRAMS } }],
    },
  ],
};

let listGate: PolicyGate;
let defaultGate: PolicyGate;

beforeAll(async () => {
  listGate = (await testGate(allowList)).gate;
  defaultGate = (await testGate(DEFAULT_POLICY)).gate;
});

describe('escapes from an allow list of harmless programs', () => {
  it('has at least 120 cases', () => {
    expect(Object.values(ALLOW_LIST_ESCAPES).flat().length).toBeGreaterThanOrEqual(120);
  });

  for (const [family, cases] of Object.entries(ALLOW_LIST_ESCAPES)) {
    describe(family, () => {
      it.each(cases.map((c) => [JSON.stringify(c[0]), ...c] as const))('%s', (_label, command, rule) => {
        for (const tool of ['run-command', 'read-command']) {
          const decision = listGate.decide({ ...runCommand(command), tool });
          expect(decision.action, `${tool}: ${decision.rule} ${decision.reason}`).not.toBe('allow');
          if (rule) expect(decision.rule, decision.reason).toBe(rule);
        }
      });
    });
  }

  it('still allows the plain commands the list names', () => {
    for (const command of ['ls -la /tmp', 'cat /etc/hostname | grep x', 'df -h && uptime', 'echo hi 2>&1']) {
      expect(listGate.decide(runCommand(command)).action, command).toBe('allow');
    }
  });

  it('allows writes only where a rule names them', async () => {
    const { gate } = await testGate({
      ...allowList,
      rules: [{ ...allowList.rules[0], writes: ['/tmp/*'] }],
    });
    expect(gate.decide(runCommand('echo x > /tmp/out')).action).toBe('allow');
    expect(gate.decide(runCommand('echo x > /tmp/../etc/out')).rule).toBe('guard:writes');
    expect(gate.decide(runCommand('echo x > ~/.bashrc')).rule).toBe('guard:writes');
    expect(gate.decide(runCommand('echo x > /dev/null; ls 2>&1 >&2')).action).toBe('allow');
  });
});

describe('the default policy', () => {
  it('runs at least 90% of everyday read-only diagnostics without the operator', () => {
    const held = DIAGNOSTICS.filter((c) => defaultGate.decide(runCommand(c)).action !== 'allow');
    const share = 1 - held.length / DIAGNOSTICS.length;
    expect(DIAGNOSTICS.length).toBeGreaterThanOrEqual(90);
    expect(share, `held: ${held.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('says why a call ran without anyone', () => {
    expect(defaultGate.decide(runCommand('df -h && uptime'))).toMatchObject({
      action: 'allow',
      rule: 'allow-read-only-commands',
      reason: "Every command is in Airlock's read-only set: df, uptime",
    });
  });

  it.each(MUST_HOLD.map((c) => [c]))('never allows %s', (command) => {
    for (const tool of ['run-command', 'read-command']) {
      const decision = defaultGate.decide({ ...runCommand(command), tool });
      expect(decision.action, `${decision.rule}: ${decision.reason}`).not.toBe('allow');
    }
  });

  it('never allows an escape from the allow-list corpus either', () => {
    const allowed = Object.values(ALLOW_LIST_ESCAPES)
      .flat()
      .map(([c]) => c)
      .filter((c) => defaultGate.decide(runCommand(c)).action === 'allow');
    expect(allowed).toEqual([]);
  });

  it('holds privileged-command and PTY keystrokes even for read-only commands', () => {
    expect(defaultGate.decide({ ...runCommand('ls'), tool: 'privileged-command' }).action).toBe(
      'require_approval',
    );
    const send = defaultGate.decide({
      sessionId: 's1',
      serverName: 'k',
      serverInfoName: 'ssh-server',
      tool: 'ssh_session_send',
      arguments: { sessionId: 'x', input: 'ls\n' },
    });
    expect(send.action).toBe('require_approval');
  });

  it('holds PTY keystrokes that history expansion or completion would rewrite', async () => {
    const { gate } = await testGate({
      version: 'airlock/1',
      default: 'deny',
      rules: [
        {
          id: 'ls-keys',
          tool: 'ssh_session_send',
          action: 'allow',
          when: [{ op: 'command', field: 'ssh.input', quantifier: 'every', match: { program: ['ls'] } }],
        },
      ],
    });
    const send = (input: string) =>
      gate.decide({
        sessionId: 's1',
        serverName: 'k',
        serverInfoName: 'ssh-server',
        tool: 'ssh_session_send',
        arguments: { sessionId: 'x', input },
      });
    expect(send('ls -la\n').action).toBe('allow');
    expect(send('ls !!\n').rule).toBe('guard:interactive_expansion');
    expect(send('ls /ho\t').rule).toBe('guard:interactive_expansion');
  });
});

describe('path conditions see normalised paths', () => {
  it('does not let .. walk out of a path pattern', async () => {
    const { gate } = await testGate({
      version: 'airlock/1',
      default: 'deny',
      rules: [
        {
          id: 'home-downloads',
          tool: 'sftp-download',
          action: 'allow',
          when: [{ op: 'glob', field: 'ssh.path', value: '/home/user/*' }],
        },
        {
          id: 'cat-home',
          tool: 'run-command',
          action: 'allow',
          when: [
            { op: 'command', quantifier: 'every', match: { program: ['cat'], argvAny: ['/home/user/*'] } },
          ],
        },
      ],
    });
    const download = (remotePath: string) =>
      gate.decide({ ...runCommand('x'), tool: 'sftp-download', arguments: { remotePath } }).action;
    expect(download('/home/user/notes.txt')).toBe('allow');
    expect(download('/home/user/../../etc/shadow')).toBe('deny');
    expect(gate.decide(runCommand('cat /home/user/a')).action).toBe('allow');
    expect(gate.decide(runCommand('cat /home/user/../../etc/shadow')).action).toBe('deny');
  });
});
