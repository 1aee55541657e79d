/**
 * History an auditor can read: host, user, command and risk come out of the fields exactly as the policy
 * gate records them (nested under `ssh`, flat form still read); every call says what became of it and
 * who decided; the CSV of `airlock history export` and of the console's download are one and the same;
 * the console's timeline rows and call steps carry all of it, upstream prompts in order with the steps.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { historyPort } from '../../electron/console/adapters/history-adapter';
import { callSteps, timelineRow } from '../../electron/console/adapters/history-rows';
import { callVerdict, deciderCode, policyDecider } from '../../electron/history/call-verdict';
import { CALL_CSV_HEADER } from '../../electron/history/csv';
import { decisionFacts } from '../../electron/history/decision-facts';
import { exportHistory } from '../../electron/history/export';
import { decisionOf } from '../../electron/history/row-mapping';
import type { HistoryStore } from '../../electron/history/store';
import type { CallDetail } from '../../electron/history/types';
import type { CoreEvent } from '../../shared/events';
import { fieldsToJson } from '../../shared/policy/fields';
import { callLifecycle, gateFields, sessionEnd, sessionStart } from './events-factory';
import { freshStore, parseCsv, recordAll } from './helpers';

const T = 1_700_000_000_000;

/** Session s1: an allowed, a denied, an approved and an expired call. */
function populate(store: HistoryStore): void {
  recordAll(store, [
    ...sessionStart('s1', T),
    ...callLifecycle({ sessionId: 's1', callId: 'c1', at: T + 10, command: 'uptime' }),
    ...callLifecycle({
      sessionId: 's1',
      callId: 'c2',
      at: T + 100,
      command: 'cat /etc/shadow',
      host: 'db-1',
      action: 'deny',
    }),
    ...callLifecycle({
      sessionId: 's1',
      callId: 'c3',
      at: T + 200,
      command: 'systemctl restart nginx',
      action: 'require_approval',
    }),
    { type: 'call.received', at: T + 400, sessionId: 's1', callId: 'c4', tool: 'exec', arguments: {} },
    {
      type: 'call.decided',
      at: T + 401,
      sessionId: 's1',
      callId: 'c4',
      decision: { action: 'require_approval', rule: 'default', reason: 'No rule matched' },
      fields: gateFields('reboot'),
    },
    {
      type: 'call.approval',
      at: T + 1401,
      sessionId: 's1',
      callId: 'c4',
      outcome: { kind: 'expired' },
      waitedMs: 1000,
    },
    {
      type: 'call.completed',
      at: T + 1402,
      sessionId: 's1',
      callId: 'c4',
      outcome: { kind: 'denied', reason: 'expired' },
      durationMs: 1002,
    },
    sessionEnd('s1', T + 2000),
  ]);
}

function collect(run: (out: PassThrough) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return run(out).then(() => {
    out.end();
    return text;
  });
}

function call(store: HistoryStore, callId: string): CallDetail {
  const found = store.findCall(callId, 's1');
  if (found === undefined) throw new Error(`no call ${callId}`);
  return found;
}

describe('decision facts', () => {
  it('reads the nested fields the gate records, and the flat form', () => {
    expect(decisionFacts(fieldsToJson(gateFields('ls -la', 'web-2', 'ops')))).toEqual({
      host: 'web-2',
      user: 'ops',
      command: 'ls -la',
      risk: 'exec',
    });
    expect(
      decisionFacts({ 'ssh.host': 'h', 'ssh.user': 'u', 'ssh.input': 'top\r', risk: { class: 'session' } }),
    ).toEqual({ host: 'h', user: 'u', command: 'top\r', risk: 'session' });
    expect(decisionFacts({ ssh: { risk: 'read-only', programs: [], flags: [] } })).toEqual({
      host: null,
      user: null,
      command: null,
      risk: 'read-only',
    });
    expect(decisionFacts(undefined)).toEqual({ host: null, user: null, command: null, risk: null });
  });

  it('stores them with the decision, so host filters and call detail see them', () => {
    const { store } = freshStore();
    populate(store);
    expect(call(store, 'c2').decision).toMatchObject({
      host: 'db-1',
      user: 'deploy',
      command: 'cat /etc/shadow',
      risk: 'exec',
    });
    expect(store.listSessions({ host: 'db-1' }).items.map((s) => s.sessionId)).toEqual(['s1']);
    expect(store.listSessions({ host: 'nowhere' }).items).toEqual([]);
    store.close();
  });

  it('fills the facts of a decision recorded before they were read from nested fields', () => {
    const old = {
      at: T,
      action: 'allow',
      rule: 'r',
      reason: 'ok',
      fields: gateFields('df -h', 'web-3'),
      host: null,
      user: null,
      command: null,
      risk: null,
    };
    expect(decisionOf(old)).toMatchObject({ host: 'web-3', user: 'deploy', command: 'df -h', risk: 'exec' });
  });
});

describe('verdict and decider', () => {
  it('says what became of each call and who decided', () => {
    const { store } = freshStore();
    populate(store);
    const read = (id: string) => {
      const { verdict, decider } = callVerdict(call(store, id));
      return [verdict, deciderCode(decider)];
    };
    expect(read('c1')).toEqual(['allowed', 'rule:rule-allow']);
    expect(read('c2')).toEqual(['denied', 'rule:rule-deny']);
    expect(read('c3')).toEqual(['approved', 'operator:operator']);
    expect(read('c4')).toEqual(['expired', 'expiry']);
    expect(policyDecider('default')).toEqual({ kind: 'default' });
    expect(policyDecider('fail-closed')).toEqual({ kind: 'airlock', source: 'fail-closed' });
    store.close();
  });
});

describe('CSV export', () => {
  it('fills command, host, user, risk, rule, verdict, decider and the times', async () => {
    const { store } = freshStore();
    populate(store);
    const rows = parseCsv(
      await collect((out) => exportHistory(store, { kind: 'session', sessionId: 's1' }, 'csv', out)),
    );
    expect(rows[0]).toEqual([...CALL_CSV_HEADER]);
    const col = (name: (typeof CALL_CSV_HEADER)[number]) => CALL_CSV_HEADER.indexOf(name);
    const pick = (row: string[] | undefined, ...names: (typeof CALL_CSV_HEADER)[number][]) =>
      names.map((name) => row?.[col(name)]);
    const facts = ['command', 'host', 'user', 'risk', 'rule', 'verdict', 'decider'] as const;
    expect(pick(rows[1], ...facts)).toEqual([
      'uptime',
      'web-1',
      'deploy',
      'exec',
      'rule-allow',
      'allowed',
      'rule:rule-allow',
    ]);
    expect(pick(rows[2], ...facts)).toEqual([
      'cat /etc/shadow',
      'db-1',
      'deploy',
      'exec',
      'rule-deny',
      'denied',
      'rule:rule-deny',
    ]);
    expect(pick(rows[3], ...facts, 'approved_by', 'waited_ms', 'ran_ms', 'duration_ms')).toEqual([
      'systemctl restart nginx',
      'web-1',
      'deploy',
      'exec',
      'rule-require_approval',
      'approved',
      'operator:operator',
      'operator',
      '49',
      '20',
      '80',
    ]);
    expect(pick(rows[4], 'command', 'verdict', 'decider', 'rule', 'ran_ms')).toEqual([
      'reboot',
      'expired',
      'expiry',
      'default',
      '',
    ]);
    store.close();
  });

  it("is the same file from the console's download as from `airlock history export`", async () => {
    const { store } = freshStore();
    populate(store);
    const cli = await collect((out) =>
      exportHistory(store, { kind: 'calls', filter: { sessionId: 's1' } }, 'csv', out),
    );
    const file = await historyPort(store).export('csv', 's1');
    expect(file.mimeType).toBe('text/csv');
    expect(file.text).toBe(cli);
    expect(parseCsv(file.text)).toHaveLength(5);
    store.close();
  });
});

describe('console timeline rows and steps', () => {
  it('carry host, user, verdict, decider, waiting and running times', () => {
    const { store } = freshStore();
    populate(store);
    expect(timelineRow(call(store, 'c3'))).toMatchObject({
      command: 'systemctl restart nginx',
      host: 'web-1',
      user: 'deploy',
      risk: 'exec',
      decision: 'require_approval',
      rule: 'rule-require_approval',
      approval: 'approved',
      verdict: 'approved',
      decider: { kind: 'operator', name: 'operator' },
      waitedMs: 49,
      ranMs: 20,
      durationMs: 80,
      argumentsText: '{"command":"systemctl restart nginx"}',
    });
    expect(timelineRow(call(store, 'c2'))).toMatchObject({ verdict: 'denied', ranMs: null, waitedMs: null });
    store.close();
  });

  it('list upstream prompts in order with the steps of their call', () => {
    const { store } = freshStore();
    const lifecycle = callLifecycle({
      sessionId: 's1',
      callId: 'c1',
      at: T + 10,
      command: 'rm -rf /tmp/x',
      action: 'require_approval',
    });
    const prompt: CoreEvent[] = [
      {
        type: 'prompt.received',
        at: T + 75,
        sessionId: 's1',
        promptId: 'p1',
        callId: 'c1',
        method: 'elicitation/create',
        params: { message: 'Confirm rm -rf /tmp/x' },
        related: [{ callId: 'c1', tool: 'exec', command: 'rm -rf /tmp/x', approved: true }],
        linkedBy: 'command',
        route: 'approval',
        itemId: null,
      },
      {
        type: 'prompt.answered',
        at: T + 76,
        sessionId: 's1',
        promptId: 'p1',
        callId: 'c1',
        answer: { kind: 'accept', content: { confirm: true } },
        by: { kind: 'approval', callId: 'c1', outcome: { kind: 'approved', by: 'operator', scope: 'once' } },
        waitedMs: 1,
      },
    ];
    const end = lifecycle.findIndex((e) => e.type === 'call.completed');
    recordAll(store, [
      ...sessionStart('s1', T),
      ...lifecycle.slice(0, end),
      ...prompt,
      ...lifecycle.slice(end),
    ]);
    const detail = call(store, 'c1');
    expect(callSteps(detail).map((s) => s.kind)).toEqual([
      'received',
      'decided',
      'approval',
      'forwarded',
      'prompt',
      'prompt-answer',
      'completed',
    ]);
    expect(timelineRow(detail).prompts).toEqual([
      expect.objectContaining({ message: 'Confirm rm -rf /tmp/x', route: 'approval', answer: 'accept' }),
    ]);
    store.close();
  });
});
