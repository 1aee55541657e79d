/** Queue and session channels, over the approval broker and the session registry. */
import type { DecideRequest, DecideResult } from '../../shared/approvals/types';
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import { errorMessage } from '../../shared/contract/result';
import { queueSnapshot, sessionsSnapshot } from './push-state';
import { unavailable, type ApprovalsPort, type ConsoleServices } from './services';

type QueueChannels =
  'queue:list' | 'queue:decide' | 'queue:decide-many' | 'queue:suggest-rule' | 'sessions:list';

/** Queue and session handlers. */
export function queueHandlers(services: ConsoleServices): Pick<InvokeHandlerMap, QueueChannels> {
  const broker = (): ApprovalsPort => {
    if (services.approvals === undefined) throw unavailable('The approval queue');
    return services.approvals;
  };
  const decide = async (request: DecideRequest): Promise<DecideResult> => {
    // "Always allow" writes policy: refuse it up front when there is no policy to write to.
    if (request.decision.kind === 'always-allow' && services.policy === undefined)
      throw unavailable('Policy');
    // Approvals come only from this console; the approver is the operator, never caller-chosen.
    const result = broker().decide({ ...request, by: services.operator ?? 'console' });
    if (!result.ok || !('ruleToSave' in result) || result.ruleToSave == null) return result;
    try {
      await services.policy?.addRule(result.ruleToSave);
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
      const item = broker().get(id);
      if (item == null) throw new Error('That call is no longer in the queue.');
      if (services.policy === undefined) throw unavailable('Policy');
      return services.policy.suggestRule(item);
    },
    'sessions:list': () => Promise.resolve(sessionsSnapshot(services)),
  };
}
