/**
 * Upstream prompts in history: a prompt tied to one call joins that call's steps (so the call's detail
 * shows when it arrived, where it went, what was answered and by whom), a prompt tied to no single call
 * is a session event, every row is chained, and the records read back from another connection.
 */
import { describe, expect, it } from 'vitest';
import { openHistoryReader } from '../../electron/history/reader';
import { verifyHistory } from '../../electron/history/verify';
import type { CoreEvent } from '../../shared/events';
import { callLifecycle, sessionEnd, sessionStart } from './events-factory';
import { freshStore, recordAll } from './helpers';

const T = 1_700_000_000_000;
const PARAMS = {
  mode: 'form',
  message: 'Confirm destructive command on "local":\n\nrm -rf /tmp/x',
  requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } } },
};
const related = [{ callId: 'c1', tool: 'exec', command: 'rm -rf /tmp/x', approved: true }];

/** `callLifecycle` with prompt events inserted after the forward, before the result. */
function withPrompts(call: CoreEvent[], prompts: CoreEvent[]): CoreEvent[] {
  const at = call.findIndex((e) => e.type === 'call.completed');
  return [...call.slice(0, at), ...prompts, ...call.slice(at)];
}

describe('history: upstream prompts', () => {
  it('puts a prompt tied to one call on that call, with its answer, in arrival order', () => {
    const { store, path } = freshStore();
    recordAll(store, sessionStart('s1', T));
    const call = callLifecycle({
      sessionId: 's1',
      callId: 'c1',
      at: T + 10,
      command: 'rm -rf /tmp/x',
      action: 'require_approval',
    });
    recordAll(
      store,
      withPrompts(call, [
        {
          type: 'prompt.received',
          at: T + 70,
          sessionId: 's1',
          promptId: 'p1',
          callId: 'c1',
          method: 'elicitation/create',
          params: PARAMS,
          related,
          linkedBy: 'command',
          route: 'approval',
          itemId: null,
        },
        {
          type: 'prompt.answered',
          at: T + 70,
          sessionId: 's1',
          promptId: 'p1',
          callId: 'c1',
          answer: { kind: 'accept', content: { confirm: true } },
          by: {
            kind: 'approval',
            callId: 'c1',
            outcome: { kind: 'approved', by: 'operator', scope: 'once' },
          },
          waitedMs: 0.4,
        },
        {
          type: 'prompt.received',
          at: T + 75,
          sessionId: 's1',
          promptId: 'p2',
          callId: 'c1',
          method: 'elicitation/create',
          params: PARAMS,
          related,
          linkedBy: 'command',
          route: 'queue',
          itemId: 'item-2',
        },
        {
          type: 'prompt.answered',
          at: T + 78,
          sessionId: 's1',
          promptId: 'p2',
          callId: 'c1',
          answer: { kind: 'decline' },
          by: {
            kind: 'queue',
            itemId: 'item-2',
            outcome: { kind: 'denied', by: 'operator', reason: 'once is enough' },
          },
          waitedMs: 3,
        },
      ]),
    );
    recordAll(store, [sessionEnd('s1', T + 100)]);

    const expected = [
      {
        promptId: 'p1',
        at: T + 70,
        method: 'elicitation/create',
        params: PARAMS,
        related,
        linkedBy: 'command',
        route: 'approval',
        itemId: null,
        answer: {
          at: T + 70,
          answer: { kind: 'accept', content: { confirm: true } },
          by: {
            kind: 'approval',
            callId: 'c1',
            outcome: { kind: 'approved', by: 'operator', scope: 'once' },
          },
          waitedMs: 0,
        },
      },
      {
        promptId: 'p2',
        at: T + 75,
        route: 'queue',
        itemId: 'item-2',
        answer: {
          at: T + 78,
          answer: { kind: 'decline' },
          by: {
            kind: 'queue',
            itemId: 'item-2',
            outcome: { kind: 'denied', by: 'operator', reason: 'once is enough' },
          },
          waitedMs: 3,
        },
      },
    ];
    expect(store.findCall('c1', 's1')?.prompts).toMatchObject(expected);
    // A call without prompts has none, and the prompt rows are steps, not session events.
    const timeline = store.timeline('s1').items;
    expect(timeline.filter((i) => i.item === 'event' && i.event.kind.startsWith('prompt'))).toEqual([]);
    store.close();

    const reader = openHistoryReader(path);
    try {
      expect(reader.findCall('c1')?.prompts).toMatchObject(expected);
      expect(reader.listCalls({ sessionId: 's1' }).items[0]?.prompts).toHaveLength(2);
    } finally {
      reader.close();
    }
    expect(verifyHistory(path)).toMatchObject({ ok: true, firstBreak: null, indexProblems: [] });
  });

  it('records a prompt tied to no single call as session events, and a prompt that ended unanswered', () => {
    const { store, path } = freshStore();
    recordAll(store, sessionStart('s2', T));
    recordAll(store, [
      {
        type: 'prompt.received',
        at: T + 5,
        sessionId: 's2',
        promptId: 'p9',
        callId: null,
        method: 'elicitation/create',
        params: PARAMS,
        related: [],
        linkedBy: 'none',
        route: 'queue',
        itemId: 'item-9',
      },
      {
        type: 'prompt.answered',
        at: T + 9,
        sessionId: 's2',
        promptId: 'p9',
        callId: null,
        answer: { kind: 'none', reason: 'the upstream withdrew its request' },
        by: { kind: 'queue', itemId: 'item-9', outcome: { kind: 'withdrawn-by-client' } },
        waitedMs: 4,
      },
      // Tied to a call this history never saw: kept as session events, not dropped.
      {
        type: 'prompt.received',
        at: T + 10,
        sessionId: 's2',
        promptId: 'p10',
        callId: 'never-recorded',
        method: 'elicitation/create',
        params: { message: 'x' },
        related: [{ callId: 'never-recorded', tool: 'exec', command: null, approved: false }],
        linkedBy: 'only-call',
        route: 'client',
        itemId: null,
      },
      sessionEnd('s2', T + 20),
    ]);
    const events = store
      .timeline('s2')
      .items.flatMap((i) => (i.item === 'event' && i.event.kind.startsWith('prompt') ? [i.event] : []));
    expect(events.map((e) => [e.kind, e.source])).toEqual([
      ['prompt', 'upstream'],
      ['prompt-answer', 'queue'],
      ['prompt', 'upstream'],
    ]);
    expect(events[0]?.message).toBe(`elicitation/create (queue): ${PARAMS.message}`);
    expect(events[0]?.data).toMatchObject({
      promptId: 'p9',
      itemId: 'item-9',
      linkedBy: 'none',
      related: [],
    });
    expect(events[1]?.data).toMatchObject({
      promptId: 'p9',
      answer: { kind: 'none', reason: 'the upstream withdrew its request' },
      by: { kind: 'queue', outcome: { kind: 'withdrawn-by-client' } },
    });
    store.close();
    expect(verifyHistory(path).ok).toBe(true);
  });
});
