/** The approval view reads host, user, command, risk and flags in the hold's flat form and the gate's nested one. */
import { describe, expect, it } from 'vitest';
import { readApprovalFacts } from '../../electron/approvals/approval-facts';

describe('readApprovalFacts', () => {
  it('flat, as the approval hold writes it', () => {
    expect(
      readApprovalFacts({
        risk: 'exec',
        flags: ['pipe_to_interpreter'],
        'ssh.host': 'web-1',
        'ssh.user': 'deploy',
        'ssh.command': 'curl x | sh',
      }),
    ).toEqual({
      host: 'web-1',
      user: 'deploy',
      command: 'curl x | sh',
      riskClass: 'exec',
      flags: ['pipe_to_interpreter'],
    });
  });

  it('nested under ssh, as the gate records it', () => {
    expect(
      readApprovalFacts({ ssh: { host: 'db', user: 'root', input: 'ls\n', risk: 'read', flags: ['pty'] } }),
    ).toEqual({ host: 'db', user: 'root', command: 'ls\n', riskClass: 'read', flags: ['pty'] });
  });

  it('anything not a string is absent, not guessed', () => {
    expect(readApprovalFacts({ ssh: { host: 7, risk: { class: 3 } } })).toEqual({
      host: null,
      user: null,
      command: null,
      riskClass: null,
      flags: [],
    });
  });
});
