/**
 * Drives `airlock mcp` at the wire level (no SDK client), for tests about exact bytes and order: garbage
 * input, fail-closed answers, message ordering.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { waitFor } from './wait';

/** A bridge process with line-level access to its stdout. */
export interface RawBridge {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every stdout line so far, parsed (or the raw text when not JSON). */
  readonly lines: unknown[];
  sendLine(text: string): void;
  send(message: unknown): void;
  /** Waits until a line matches, returning it. */
  next(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  stderr(): string;
  /** Runs the initialize handshake. */
  initialize(): Promise<void>;
  /** Progress values and the final id, in wire order, for one request. */
  progressSequence(id: unknown): unknown[];
  /** Ends stdin and waits for the process to exit; returns its exit code. */
  close(): Promise<number | null>;
}

/** Standard initialize request used by raw tests. */
export const initializeRequest = {
  jsonrpc: '2.0',
  id: 'init',
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw-test', version: '1.0.0' },
  },
};

/** Spawns the bridge with the given launch parameters. */
export function spawnRawBridge(params: StdioServerParameters): RawBridge {
  const child = spawn(params.command, params.args ?? [], {
    env: params.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: unknown[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        lines.push(JSON.parse(text));
      } catch {
        lines.push(text);
      }
      nl = buffer.indexOf('\n');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const bridge: RawBridge = {
    child,
    lines,
    sendLine: (text) => child.stdin.write(`${text}\n`),
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    async next(match, timeoutMs = 10_000) {
      let found: Record<string, unknown> | undefined;
      await waitFor(
        () => {
          found = lines.find(
            (l): l is Record<string, unknown> =>
              typeof l === 'object' && l !== null && match(l as Record<string, unknown>),
          );
          return found !== undefined;
        },
        timeoutMs,
        'expected line from the bridge',
      );
      return found as Record<string, unknown>;
    },
    stderr: () => stderr,
    async initialize() {
      bridge.send(initializeRequest);
      await bridge.next((l) => l.id === initializeRequest.id);
      bridge.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    },
    progressSequence(id) {
      return (lines as { id?: unknown; method?: string; params?: { progress?: number } }[])
        .filter((l) => l.id === id || l.method === 'notifications/progress')
        .map((l) => l.params?.progress ?? l.id);
    },
    close() {
      child.stdin.end();
      return exited;
    },
  };
  return bridge;
}
