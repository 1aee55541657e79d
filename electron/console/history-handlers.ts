/** History channels, over the history store. */
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import type { ConsoleServices } from './services';

type HistoryChannels = Extract<keyof InvokeHandlerMap, `history:${string}`>;

/** History handlers. */
export function historyHandlers(services: ConsoleServices): Pick<InvokeHandlerMap, HistoryChannels> {
  const { history } = services;
  return {
    'history:sessions': async (filters) => history.sessions(filters),
    'history:timeline': async ({ sessionId }) => history.timeline(sessionId),
    'history:call': async ({ sessionId, callId }) => history.call(sessionId, callId),
    'history:search': async ({ text, limit, sessionId }) =>
      history.search(text, limit ?? 200, sessionId ?? null),
    'history:export': async ({ format, sessionId }) => history.export(format, sessionId ?? null),
  };
}
