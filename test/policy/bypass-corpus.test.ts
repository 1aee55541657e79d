/**
 * Regression corpus of command-policy bypass attempts (chaining, substitutions, wrappers, shells and
 * interpreters, pipes into interpreters, xargs/find, non-literal names, parse errors, hidden
 * characters, destructive patterns). The policy is the worst case for an attacker to beat: the default
 * policy's deny rules plus "allow everything else", so only the deny rules and the engine's guards
 * stand in the way. No case may come out `allow`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/policy/default-policy';
import type { PolicyGate } from '../../electron/policy/gate';
import { CORPUS } from './bypass-cases';
import { runCommand, testGate } from './helpers';

const allowAll = {
  version: 'airlock/1',
  default: 'allow',
  rules: (DEFAULT_POLICY.rules ?? []).filter((r) => r.action === 'deny'),
};

let lab: { gate: PolicyGate };

beforeAll(async () => {
  lab = await testGate(allowAll);
});

describe('bypass corpus', () => {
  it('has at least 60 cases', () => {
    expect(Object.values(CORPUS).flat().length).toBeGreaterThanOrEqual(60);
  });

  for (const [family, cases] of Object.entries(CORPUS)) {
    describe(family, () => {
      it.each(cases.map((c) => [JSON.stringify(c[0]), ...c] as const))(
        '%s',
        (_label, command, action, rule) => {
          const decision = lab.gate.decide(runCommand(command));
          expect(decision.action).not.toBe('allow');
          expect({ action: decision.action, rule: decision.rule }).toEqual({
            action,
            rule: rule ?? decision.rule,
          });
        },
      );
    });
  }

  it('keyboard input to a PTY session is judged like a command', () => {
    const send = (input: string) =>
      lab.gate.decide({
        sessionId: 's1',
        serverName: 'k',
        serverInfoName: 'ssh-server',
        tool: 'ssh_session_send',
        arguments: { sessionId: 'x', input },
      });
    expect(send('rm -rf /\n')).toMatchObject({ action: 'deny', rule: 'deny-rm-root' });
    expect(send('\u0003')).toMatchObject({ action: 'require_approval', rule: 'guard:unsafe_chars' });
  });

  it('a command over the size limit is held', () => {
    const decision = lab.gate.decide(runCommand(`echo ${'a'.repeat(70_000)}`));
    expect(decision).toMatchObject({ action: 'require_approval', rule: 'guard:too_long' });
  });

  it('plain read-only commands still pass under the same policy', () => {
    for (const command of [
      'ls -la /tmp',
      'cat /etc/hostname | grep x',
      'find . -name x -delete',
      'sudo systemctl status nginx',
      'df -h && uptime',
      'rm -rf /tmp/build',
    ]) {
      expect(lab.gate.decide(runCommand(command)).action, command).toBe('allow');
    }
  });
});
