/**
 * The per-program shortcuts of command conditions: a program's commands are skipped for `argvContains`
 * only when the answer is certainly false, so unknown tokens still hold a call and tokens of other
 * programs never count.
 */
import { describe, expect, it } from 'vitest';
import { runCommand, testGate } from './helpers';

const policy = {
  version: 'airlock/1',
  default: 'allow',
  rules: [
    {
      id: 'no-grep-secret',
      action: 'deny',
      when: [{ op: 'command', quantifier: 'some', match: { program: ['grep'], argvContains: ['secret'] } }],
    },
    {
      id: 'no-rm-glob-secret',
      action: 'deny',
      when: [{ op: 'command', quantifier: 'some', match: { program: ['r?'], argvContains: ['secret'] } }],
    },
  ],
};

describe('command conditions with argvContains', () => {
  it('ignores the token when another program has it', async () => {
    const { gate } = await testGate(policy);
    for (const command of ['grep x f && echo secret', 'grep x f; echo "$(date) secret"', 'rm x; ls secret']) {
      expect(gate.decide(runCommand(command)), command).toMatchObject({ action: 'allow', rule: 'default' });
    }
  });

  it('denies when the program has the token, wherever it sits', async () => {
    const { gate } = await testGate(policy);
    expect(gate.decide(runCommand('echo $(date); grep -r secret /etc'))).toMatchObject({
      action: 'deny',
      rule: 'no-grep-secret',
    });
    expect(gate.decide(runCommand('ls "$HOME" && rm secret'))).toMatchObject({
      action: 'deny',
      rule: 'no-rm-glob-secret',
    });
  });

  it('holds the call when the program has a token only known at run time', async () => {
    const { gate } = await testGate(policy);
    const decision = gate.decide(runCommand('grep "$WORD" f && echo secret'));
    expect(decision.action).toBe('require_approval');
    expect(gate.decide(runCommand('rm "$F"')).action).toBe('require_approval');
  });
});
