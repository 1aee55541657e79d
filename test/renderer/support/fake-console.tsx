/**
 * A fake transport for component tests: records every invoke, answers from per-channel responders, and
 * lets a test push state exactly as the core would.
 */
import { act, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';

import { createConsoleApi, type ConsoleTransport } from '../../../shared/contract/api';
import type { InvokeChannel, PushChannel, PushMap } from '../../../shared/contract/channels';
import { ConsoleError } from '../../../shared/contract/result';
import { createConsoleStore, type ConsoleStore } from '../../../renderer/store/console-store';
import { StoreProvider } from '../../../renderer/store/store-context';

/** A recorded invoke. */
export interface Invocation {
  readonly channel: InvokeChannel;
  readonly request: unknown;
}

/** The fake transport and its controls. */
export interface FakeCore {
  readonly transport: ConsoleTransport;
  readonly calls: Invocation[];
  /** Sets the answer for a channel (a value, or a function of the request; throw to fail). */
  respond(channel: InvokeChannel, answer: unknown): void;
  /** Pushes state to the renderer, inside act(). */
  push<K extends PushChannel>(channel: K, data: PushMap[K]): void;
}

/** Creates a fake core; unanswered channels fail with a clear error. */
export function createFakeCore(): FakeCore {
  const calls: Invocation[] = [];
  const responders = new Map<string, unknown>();
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  const transport: ConsoleTransport = {
    invoke(channel, request) {
      calls.push({ channel, request });
      if (!responders.has(channel))
        return Promise.reject(new ConsoleError(channel, `${channel} not answered in this test`));
      const answer = responders.get(channel);
      try {
        const value: unknown =
          typeof answer === 'function' ? (answer as (r: unknown) => unknown)(request) : answer;
        return Promise.resolve(value) as never;
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener as (data: unknown) => void);
      return () => set.delete(listener as (data: unknown) => void);
    },
  };
  return {
    transport,
    calls,
    respond: (channel, answer) => responders.set(channel, answer),
    push(channel, data) {
      act(() => {
        for (const listener of listeners.get(channel) ?? []) listener(data);
      });
    },
  };
}

/** Renders `ui` with a store over the fake core. */
export function renderWithCore(ui: ReactElement, core: FakeCore): RenderResult & { store: ConsoleStore } {
  const store = createConsoleStore(createConsoleApi(core.transport), (listener) => {
    listener('open');
    return () => undefined;
  });
  const result = render(<StoreProvider store={store}>{ui}</StoreProvider>);
  return Object.assign(result, { store });
}
