/**
 * The one line the core may add to a bridge connection besides the client's JSON-RPC traffic: why it is
 * ending the session. The bridge strips it (it never reaches the client) and uses it to decide whether to
 * reconnect: a core that is going away is worth waiting for, an upstream that exited is not. A control
 * line is told apart by having no `jsonrpc` member, which every message the core relays has. Pure; the
 * bridge loads it, so it imports nothing.
 */

/** Why the core ended a bridge's session, as far as the bridge needs to know. */
export type SessionEndNotice =
  /** The core is stopping: a restarted core will take the bridge back. */
  | { readonly kind: 'core-stopping' }
  /** The session itself ended (upstream exited or failed, protocol error): reconnecting would not help. */
  | { readonly kind: 'session-ended'; readonly message: string };

const TAG = 'airlock-session-end';

/** The control line for `notice`. */
export function controlLine(notice: SessionEndNotice): string {
  return JSON.stringify({ airlock: TAG, ...notice });
}

/** The notice a core line carries, or undefined when it is ordinary JSON-RPC traffic. */
export function parseControlLine(line: string): SessionEndNotice | undefined {
  // Cheap test first: relayed traffic is JSON-RPC and always carries "jsonrpc".
  if (!line.startsWith('{"airlock":')) return undefined;
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (value.airlock !== TAG || 'jsonrpc' in value) return undefined;
    if (value.kind === 'core-stopping') return { kind: 'core-stopping' };
    if (value.kind === 'session-ended' && typeof value.message === 'string')
      return { kind: 'session-ended', message: value.message };
    return undefined;
  } catch {
    return undefined;
  }
}
