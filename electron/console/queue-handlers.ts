/** Queue and session channels, over the approval broker and the session registry. */
import type { DecideRequest, DecideResult } from '../../shared/approvals/types';
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import { errorMessage } from '../../shared/contract/result';
import { queueSnapshot, sessionsSnapshot } from './push-state';
import type { ConsoleServices } from './services';

type QueueChannels =
  'queue:list' | 'queue:decide' | 'queue:decide-many' | 'queue:suggest-rule' | 'sessions:list';

/** Queue and session handlers. */
export function queueHandlers(services: ConsoleServices): Pick<InvokeHandlerMap, QueueChannels> {
  const { approvals, policy } = services;
  const decide = async (request: DecideRequest): Promise<DecideResult> => {
    // Approvals come only from this console; the approver is the operator, never caller-chosen.
    const result = approvals.decide({ ...request, by: services.operator });
    if (!result.ok || !('ruleToSave' in result) || result.ruleToSave == null) return result;
    try {
      await policy.addRule(result.ruleToSave);
    } catch (error) {
      return {
        ok: false,
        error: 'invalid-decision',
        message: `The call was approved once, but the rule could not be saved: ${errorMessage(error)}`,
      };
    }
    return { ok: true, item: result.item };
  };
  return {
    'queue:list': () => Promise.resolve(queueSnapshot(services)),
    'queue:decide': decide,
    'queue:decide-many': async ({ requests }) => {
      const results: DecideResult[] = [];
      for (const request of requests) results.push(await decide(request));
      return results;
    },
    'queue:suggest-rule': async ({ id }) => {
      const item = approvals.get(id);
      if (item == null) throw new Error('That call is no longer in the queue.');
      return policy.suggestRule(item);
    },
    'sessions:list': () => Promise.resolve(sessionsSnapshot(services)),
  };
}
