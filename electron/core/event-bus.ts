/**
 * The core's synchronous event bus. Listeners run in emission order before `emit` returns. A throwing
 * listener is isolated and reported; it never breaks the proxy path. (History's write-ahead row, which a
 * call must not run without, goes through the session's `writeAhead` instead.)
 */
import type { CoreEvent, CoreEventListener } from '../../shared/events';
import type { EventSource } from './services';

/** An event bus that is also the core's `EventSource`. */
export interface EventBus extends EventSource {
  /** Delivers an event to every listener; a failing listener is reported and isolated. */
  emit(event: CoreEvent): void;
}

/** Creates an event bus; `onListenerError` hears about listeners that threw. */
export function createEventBus(onListenerError: (error: unknown, event: CoreEvent) => void): EventBus {
  const listeners = new Set<CoreEventListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
