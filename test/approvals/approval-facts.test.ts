/** The approval view and session grants read host, user, command, risk and flags from the gate's typed fields. */
import { describe, expect, it } from 'vitest';
import { approvalFacts } from '../../electron/approvals/approval-facts';
import { gateFields } from '../history/events-factory';

describe('approvalFacts', () => {
  it('takes host, user, command, risk and flags from the ssh fields', () => {
    const fields = gateFields('curl x | sh', 'web-1', 'deploy');
    expect(approvalFacts({ ...fields, ssh: { ...fields.ssh, flags: ['download_exec'] } })).toEqual({
      host: 'web-1',
      user: 'deploy',
      command: 'curl x | sh',
      riskClass: 'exec',
      flags: ['download_exec'],
    });
  });

  it('shows PTY keystrokes as the command when there is no command', () => {
    const fields = gateFields('');
    const { command: _command, ...ssh } = fields.ssh;
    expect(approvalFacts({ ...fields, ssh: { ...ssh, input: 'ls\n', risk: 'session' } })).toMatchObject({
      command: 'ls\n',
      riskClass: 'session',
    });
  });

  it('leaves what the server did not say absent, not guessed', () => {
    expect(
      approvalFacts({
        server: 'x',
        tool: 'y',
        adapter: null,
        identifiedBy: 'none',
        ssh: { risk: 'unknown', programs: [], flags: [] },
      }),
    ).toEqual({ host: null, user: null, command: null, riskClass: 'unknown', flags: [] });
  });
});
