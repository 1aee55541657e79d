/**
 * What a front end (the web server, the Electron shell) needs from the console backend: one `invoke`
 * for every contract channel, and the pushed state. Both front ends share one implementation,
 * `createConsoleHandlers`, so the browser and the desktop window can never disagree.
 */
import type { PushChannel, PushMap } from '../../shared/contract/channels';
import type { InvokeResult } from '../../shared/contract/result';

/** One pushed state update. */
export type PushMessage = {
  [K in PushChannel]: { readonly channel: K; readonly data: PushMap[K] };
}[PushChannel];

/** Answers contract invokes. The payload is untrusted: the implementation parses it by the channel's schema. */
export interface ConsoleHandlers {
  invoke(channel: string, payload: unknown): Promise<InvokeResult<unknown>>;
}

/** Pushed state: the current value of every push channel, then each change. */
export interface ConsolePushSource {
  /** The current state of every push channel, for a page that just connected. */
  snapshot(): readonly PushMessage[];
  /** Subscribes to state changes; returns the unsubscribe function. */
  subscribe(listener: (message: PushMessage) => void): () => void;
}

/** What `createConsoleHandlers` returns: spread it into `startWebConsole` or the shell's IPC setup. */
export interface ConsoleBackend {
  readonly handlers: ConsoleHandlers;
  readonly events: ConsolePushSource;
  /** Stops listening to the core services. */
  readonly dispose: () => void;
}
