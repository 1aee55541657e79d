/**
 * The envelope every invoke answer travels in, over IPC and over the WebSocket alike: a handler never
 * throws across the boundary, it answers with a message a human can read.
 */

/** A handler's answer: the value, or a clear error message. */
export type InvokeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): InvokeResult<T> {
  return { ok: true, value };
}

/** Wraps a message as a failed result. */
export function fail(error: string): InvokeResult<never> {
  return { ok: false, error };
}

/** The message of anything thrown, never `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Unknown error';
}

/** Thrown by the renderer-side API when the core answers with an error. */
export class ConsoleError extends Error {
  /** The channel that failed, for logs. */
  readonly channel: string;

  constructor(channel: string, message: string) {
    super(message);
    this.name = 'ConsoleError';
    this.channel = channel;
  }
}
