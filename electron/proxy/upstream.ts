/**
 * The upstream side of a proxy session: a message pipe to the real MCP server, over stdio or Streamable HTTP.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** How an upstream stopped on its own (not through `close()`). */
export interface UpstreamExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** One line for the client and the session log. */
  readonly message: string;
}

/** Callbacks an upstream reports through. Set before `start()`. */
export interface UpstreamHandlers {
  message(message: JSONRPCMessage): void;
  /** A line or response that is not valid JSON-RPC: logged, never forwarded. */
  invalid(reason: string): void;
  stderr(line: string): void;
  exit(info: UpstreamExit): void;
}

/** A running upstream connection. */
export interface Upstream {
  /** Starts the process or connection; rejects with a message naming the cause. */
  start(): Promise<void>;
  /** Sends one message; failures are reported through `exit` or `invalid`, never thrown at the caller. */
  send(message: JSONRPCMessage): void;
  /** Tells HTTP transports the negotiated protocol version (a header on later requests). */
  setProtocolVersion(version: string): void;
  /** Stops the upstream for good: the process is terminated, never left running. */
  close(): Promise<void>;
  /** The last lines the process wrote to stderr (a process upstream only; HTTP has none). */
  stderrTail?(): string[];
}
