/** History channels, over the history store. */
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import type { HistoryPort } from './history-port';
import { unavailable, type ConsoleServices } from './services';

type HistoryChannels = Extract<keyof InvokeHandlerMap, `history:${string}`>;

/** History handlers. */
export function historyHandlers(services: ConsoleServices): Pick<InvokeHandlerMap, HistoryChannels> {
  const history = (): HistoryPort => {
    if (services.history === undefined) throw unavailable('History');
    return services.history;
  };
  return {
    'history:sessions': async (filters) => history().sessions(filters),
    'history:timeline': async ({ sessionId }) => history().timeline(sessionId),
    'history:call': async ({ sessionId, callId }) => history().call(sessionId, callId),
    'history:search': async ({ text, limit, sessionId }) =>
      history().search(text, limit ?? 200, sessionId ?? null),
    'history:export': async ({ format, sessionId }) => history().export(format, sessionId ?? null),
  };
}
