/**
 * Matching an upstream confirmation prompt to the call it belongs to: when the operator's approval of a
 * running call answers it (one decision per command), and when it must stay a queue item — with the link
 * it shows. Pure functions; prompts are shaped like ssh-mcp 2.11's (`guard/elicitation.js`).
 */
import { describe, expect, it } from 'vitest';
import {
  containsCommand,
  matchPrompt,
  promptTexts,
  queueReasonText,
  type QueueReason,
  type RunningCall,
} from '../../electron/core/prompt-match';
import { createRunningCalls, editedCommand, isOperatorApproval } from '../../electron/core/running-calls';
import type { ApprovalOutcome, CoreEvent } from '../../shared/events';
import type { JsonObject } from '../../shared/json';
import { gateFields } from '../history/events-factory';

const ONCE: ApprovalOutcome = { kind: 'approved', by: 'operator', scope: 'once' };

/** ssh-mcp's prompt for `command`. */
function sshMcpPrompt(command: string, commandClass = 'destructive'): JsonObject {
  return {
    mode: 'form',
    message: `Confirm ${commandClass} command on "local":\n\n${command}`,
    requestedSchema: {
      type: 'object',
      properties: { confirm: { type: 'boolean', title: 'Approve this command?' } },
    },
  };
}

function call(callId: string, command: string | null, approval: ApprovalOutcome | null = null): RunningCall {
  return { callId, tool: 'run-command', command, approval, approvalUsed: false };
}

describe('containsCommand', () => {
  it('finds a command only as a whole, bounded by the edges, whitespace or quotes', () => {
    expect(containsCommand('Confirm:\n\nrm -rf /tmp/x', 'rm -rf /tmp/x')).toBe(true);
    expect(containsCommand(`sudo -p "" -S sh -c 'rm -rf /tmp/x'`, 'rm -rf /tmp/x')).toBe(true);
    expect(containsCommand('rm -rf /tmp/x2', 'rm -rf /tmp/x')).toBe(false);
    expect(containsCommand('xrm -rf /tmp/x', 'rm -rf /tmp/x')).toBe(false);
    expect(containsCommand('rm -rf /tmp/x;ls', 'rm -rf /tmp/x')).toBe(false);
    // A later bounded occurrence counts even when an earlier one is not bounded.
    expect(containsCommand('lsx then ls', 'ls')).toBe(true);
    expect(containsCommand('anything', '')).toBe(false);
  });

  it('reads the message and the strings of the requested schema, nothing else', () => {
    expect(
      promptTexts({
        message: 'm',
        requestedSchema: { properties: { a: { title: 't', enum: ['e1', 'e2'] } } },
        other: 'ignored',
      }),
    ).toEqual(['m', 't', 'e1', 'e2']);
    expect(promptTexts({})).toEqual([]);
  });
});

describe('matchPrompt', () => {
  const rm = 'rm -rf /tmp/work/x';

  it('answers from the approval of the one running call whose command the prompt names', () => {
    const approved = call('c1', rm, ONCE);
    expect(matchPrompt(sshMcpPrompt(rm), [approved])).toEqual({
      kind: 'approval',
      call: approved,
    });
  });

  it('counts a session grant and an edit as approvals, and matches the command as it ran', () => {
    const grant: ApprovalOutcome = { kind: 'session-grant' };
    expect(matchPrompt(sshMcpPrompt(rm), [call('c1', rm, grant)]).kind).toBe('approval');
    const edited: ApprovalOutcome = { kind: 'edited-and-approved', by: 'op', original: { command: 'x' } };
    expect(matchPrompt(sshMcpPrompt(rm), [call('c1', rm, edited)]).kind).toBe('approval');
  });

  it('answers the approved call while the other running calls were approved by an operator too', () => {
    const approved = call('c1', rm, ONCE);
    const other = call('c2', 'uptime', { kind: 'session-grant' });
    expect(matchPrompt(sshMcpPrompt(rm), [other, approved])).toMatchObject({
      kind: 'approval',
      call: { callId: 'c1' },
    });
  });

  const queued = (
    params: JsonObject,
    running: RunningCall[],
    related: string[],
    linkedBy: string,
    reason: QueueReason,
  ): void => {
    const match = matchPrompt(params, running);
    expect(match.kind).toBe('queue');
    if (match.kind !== 'queue') return;
    expect(match.related.map((c) => c.callId)).toEqual(related);
    expect(match.linkedBy).toBe(linkedBy);
    expect(match.reason).toBe(reason);
  };

  it('queues a prompt for a call policy let through, linked to that call', () => {
    queued(sshMcpPrompt(rm), [call('c1', rm)], ['c1'], 'command', 'not-approved');
  });

  it('does not guess between several running calls the prompt names', () => {
    const a = call('c1', 'rm -rf /tmp/a', ONCE);
    const b = call('c2', 'rm -rf /tmp/b', ONCE);
    const both = { message: 'Confirm:\n\nrm -rf /tmp/a\nrm -rf /tmp/b' };
    queued(both, [a, b], ['c1', 'c2'], 'command', 'several-named');
  });

  it('does not match a command that is only a prefix of the one in the prompt', () => {
    const approved = call('c1', rm, ONCE);
    const longer = call('c2', `${rm}/y`);
    queued(sshMcpPrompt(`${rm}/y`), [approved, longer], ['c2'], 'command', 'not-approved');
  });

  it('refuses to answer while another running call no operator approved could be the one asking', () => {
    const approved = call('c1', rm, ONCE);
    // Both let through by policy: an upload (no command) to a path that spells the approved command, and
    // a privileged command whose text ssh-mcp re-quotes inside `sh -c '…'`, so only the approved one is
    // found in the prompt. Neither may ride on the approval.
    const upload: RunningCall = { ...call('c2', null), tool: 'sftp-upload' };
    queued(
      sshMcpPrompt(`sftp:upload --overwrite --bytes=3 /tmp/ ${rm}`),
      [approved, upload],
      ['c1'],
      'command',
      'others-unapproved',
    );
    const sneaky = `echo '${rm}'; id`;
    const privileged: RunningCall = { ...call('c3', sneaky), tool: 'privileged-command' };
    const wrapped = `sudo -p "" -S sh -c 'echo '\\''${rm}'\\''; id'`;
    expect(containsCommand(wrapped, sneaky)).toBe(false);
    queued(
      sshMcpPrompt(wrapped, 'privileged'),
      [approved, privileged],
      ['c1'],
      'command',
      'others-unapproved',
    );
    // The same calls one at a time: the privileged one's own prompt is linked to it alone.
    queued(sshMcpPrompt(wrapped, 'privileged'), [privileged], ['c3'], 'only-call', 'not-named');
  });

  it('answers one prompt per approval', () => {
    const used: RunningCall = { ...call('c1', rm, ONCE), approvalUsed: true };
    queued(sshMcpPrompt(rm), [used], ['c1'], 'command', 'approval-used');
  });

  it('links a prompt naming no running command to the only running call, else to none', () => {
    queued(
      sshMcpPrompt('session:open interactive s1'),
      [call('c1', null, ONCE)],
      ['c1'],
      'only-call',
      'not-named',
    );
    queued(sshMcpPrompt('something else'), [call('c1', 'ls'), call('c2', 'df')], [], 'none', 'not-named');
    queued(sshMcpPrompt(rm), [], [], 'none', 'no-running-call');
  });

  it('never treats a blank command as named', () => {
    queued(sshMcpPrompt('   '), [call('c1', '   ', ONCE)], ['c1'], 'only-call', 'not-named');
  });

  it('explains every queue reason in one line naming the server', () => {
    const reasons: QueueReason[] = [
      'no-running-call',
      'not-named',
      'several-named',
      'others-unapproved',
      'not-approved',
      'approval-used',
    ];
    for (const reason of reasons) expect(queueReasonText('guarded', reason)).toMatch(/^guarded asked/);
  });
});

describe('running calls', () => {
  const base = { sessionId: 's1', callId: 'c1' };
  const received: CoreEvent = {
    type: 'call.received',
    at: 1,
    ...base,
    tool: 'run-command',
    arguments: { command: 'rm -rf /tmp/a ' },
  };
  const decided: CoreEvent = {
    type: 'call.decided',
    at: 2,
    ...base,
    decision: { action: 'require_approval', rule: 'hold', reason: 'r' },
    fields: gateFields('rm -rf /tmp/a '),
  };

  it('lists a call only while it runs upstream, with its trimmed command and operator approval', () => {
    const running = createRunningCalls();
    running.observe(received);
    running.observe(decided);
    running.observe({ type: 'call.approval', at: 3, ...base, outcome: ONCE, waitedMs: 1 });
    expect(running.of('s1')).toEqual([]);
    running.observe({
      type: 'call.forwarded',
      at: 4,
      ...base,
      arguments: { command: 'rm -rf /tmp/a ' },
      edited: false,
    });
    expect(running.of('s1')).toEqual([
      { callId: 'c1', tool: 'run-command', command: 'rm -rf /tmp/a', approval: ONCE, approvalUsed: false },
    ]);
    running.useApproval('s1', 'c1');
    expect(running.of('s1')[0]?.approvalUsed).toBe(true);
    expect(running.of('s2')).toEqual([]);
    running.observe({
      type: 'call.completed',
      at: 5,
      ...base,
      outcome: { kind: 'result', isError: false, text: '', bytes: 0 },
      durationMs: 4,
    });
    expect(running.of('s1')).toEqual([]);
  });

  it('has no approval for a call policy allowed, and follows an edit to the command that ran', () => {
    const running = createRunningCalls();
    running.observe(received);
    running.observe({ ...decided, decision: { action: 'allow', rule: 'ok', reason: 'r' } });
    running.observe({
      type: 'call.forwarded',
      at: 4,
      ...base,
      arguments: { command: 'rm -rf /tmp/b' },
      edited: true,
    });
    expect(running.of('s1')).toMatchObject([{ command: 'rm -rf /tmp/b', approval: null }]);
    running.observe({ type: 'session.closed', at: 9, sessionId: 's1', end: { kind: 'client-closed' } });
    expect(running.of('s1')).toEqual([]);
  });

  it('reads the edited command from the argument that carried the original', () => {
    expect(editedCommand({ command: 'a', note: 'a2' }, { command: 'b', note: 'a2' }, 'a')).toBe('b');
    expect(editedCommand({ command: 'a' }, { command: 7 }, 'a')).toBeNull();
    expect(editedCommand({ command: 'a' }, { command: 'b' }, null)).toBeNull();
    expect(editedCommand({ commands: ['a'] }, { commands: ['b'] }, 'a')).toBeNull();
  });

  it('counts only operator approvals', () => {
    const counted = (outcome: ApprovalOutcome): boolean => isOperatorApproval(outcome);
    expect(counted(ONCE)).toBe(true);
    expect(counted({ kind: 'approved', by: 'op', scope: 'always' })).toBe(true);
    expect(counted({ kind: 'session-grant' })).toBe(true);
    expect(counted({ kind: 'denied', by: 'op', reason: 'no' })).toBe(false);
    expect(counted({ kind: 'expired' })).toBe(false);
    expect(counted({ kind: 'withdrawn-by-client' })).toBe(false);
    expect(counted({ kind: 'invalidated', reason: 'x' })).toBe(false);
  });
});
