/** Shared set-up for broker tests: a broker on a fake clock, recording every change and notification. */
import { NO_FACTS, type ApprovalFacts } from '../../electron/approvals/approval-facts';
import { createApprovalBroker } from '../../electron/approvals/broker';
import type { ApprovalBroker, BrokerOptions, HoldRequest } from '../../electron/approvals/types';
import type { ApprovalChange, ApprovalNotification } from '../../shared/approvals/types';
import { createFakeTime, type FakeTime } from './fake-time';

/** A broker under test and what it emitted. */
export interface Harness {
  readonly broker: ApprovalBroker;
  readonly time: FakeTime;
  readonly changes: ApprovalChange[];
  readonly notifications: ApprovalNotification[];
}

/** Creates a broker on a fake clock with sequential ids (`item-1`, `item-2` …). */
export function createHarness(overrides: Partial<BrokerOptions> = {}): Harness {
  const time = createFakeTime();
  let next = 0;
  const broker = createApprovalBroker({
    clock: time.clock,
    setTimer: time.setTimer,
    clearTimer: time.clearTimer,
    makeId: () => `item-${++next}`,
    ...overrides,
  });
  const changes: ApprovalChange[] = [];
  const notifications: ApprovalNotification[] = [];
  broker.subscribe((change) => changes.push(change));
  broker.onNotification((notification) => notifications.push(notification));
  return { broker, time, changes, notifications };
}

/** Approval facts with the absent ones null, as `approvalFacts` gives for a call that lacks them. */
export function facts(given: Partial<ApprovalFacts>): ApprovalFacts {
  return { ...NO_FACTS, ...given };
}

/** A `run-command` call on web-1 as deploy, overridable field by field. */
export function holdRequest(overrides: Partial<HoldRequest> = {}): HoldRequest {
  const command = 'systemctl restart nginx';
  return {
    sessionId: 'session-a',
    callId: 'call-1',
    kind: 'tool-call',
    client: { name: 'claude-code', version: '2.1.0' },
    serverName: 'prod-ssh',
    tool: 'run-command',
    arguments: { command, profile: 'web-1' },
    facts: facts({ host: 'web-1.example.com', user: 'deploy', command, riskClass: 'exec' }),
    rule: { id: 'exec-needs-approval', reason: 'Commands that change state need approval' },
    inputSchema: {
      type: 'object',
      properties: { command: { type: 'string', minLength: 1, maxLength: 200 }, profile: { type: 'string' } },
      required: ['command'],
      additionalProperties: false,
    },
    ...overrides,
  };
}

/** Whether a promise has settled yet, without waiting for it to. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const first = await Promise.race([promise, Promise.resolve(marker)]);
  return first !== marker;
}
