/**
 * The core's synchronous event bus. Listeners run in emission order before `emit` returns, which is what
 * makes history's write-ahead row land before a call is forwarded. A throwing listener is isolated and
 * reported; it never breaks the proxy path.
 */
import type { CoreEvent, CoreEventListener } from '../../shared/events';
import type { EventSource } from './services';

/** An event bus that is also the core's `EventSource`. */
export interface EventBus extends EventSource {
  /**
   * Delivers an event to every listener. A failure of an ordinary listener is reported and isolated; a
   * failure of a critical listener (history's write-ahead row) is rethrown so the caller can fail closed.
   */
  emit(event: CoreEvent): void;
  /** Subscribes a listener whose failure must stop the action the event announces. */
  subscribeCritical(listener: CoreEventListener): () => void;
}

/** Creates an event bus; `onListenerError` hears about listeners that threw. */
export function createEventBus(onListenerError: (error: unknown, event: CoreEvent) => void): EventBus {
  const listeners = new Set<CoreEventListener>();
  const critical = new Set<CoreEventListener>();
  return {
    emit(event) {
      let failure: unknown;
      for (const listener of critical) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error, event);
          failure ??= error;
        }
      }
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error, event);
        }
      }
      if (failure !== undefined)
        throw failure instanceof Error ? failure : new Error('a critical event listener failed');
    },
    subscribeCritical(listener) {
      critical.add(listener);
      return () => critical.delete(listener);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
