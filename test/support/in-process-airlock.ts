/**
 * The real Airlock core started in this process (so a test is the operator, deciding through the same
 * broker the console uses), real `airlock mcp` bridges launched by real SDK clients, and helpers that wait
 * for queue items and core events by condition.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, type StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, ClientCapabilities, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { startAirlock, type Airlock } from '../../electron/core/airlock';
import type { ApprovalBroker } from '../../electron/approvals/types';
import type { ApprovalItem, ApprovalStateKind } from '../../shared/approvals/types';
import type { CoreEvent } from '../../shared/events';
import { airlockBin, processEnv } from './airlock-harness';

/** How long a condition may take before a wait fails with a message naming it. */
export const WAIT_MS = 15_000;

/** What an upstream launch needs (ssh-mcp, a fixture, the probe). */
export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
}

/** An in-process Airlock with its own short data folder. */
export interface TestAirlock {
  readonly airlock: Airlock;
  readonly dataDir: string;
  /** Launch parameters for `airlock mcp --name LABEL [flags] -- COMMAND ARGS…` against this core. */
  bridge(label: string, upstream: Launch, flags?: readonly string[]): StdioServerParameters;
  /** Launch parameters for `airlock mcp -- COMMAND ARGS…` (no `--name`: the core names the upstream). */
  inlineBridge(upstream: Launch): StdioServerParameters;
  /** Launch parameters for `airlock mcp --server NAME` against this core. */
  profileBridge(name: string, env?: Record<string, string>): StdioServerParameters;
  /** Shuts the core down and removes its data folder. Idempotent. */
  stop(): Promise<void>;
}

/** Starts the real core in this process with `policy` active (the first-start default policy when omitted). */
export async function startTestAirlock(policy?: unknown, keepaliveMs?: number): Promise<TestAirlock> {
  const dataDir = await mkdtemp(join(tmpdir(), 'al-'));
  let airlock: Airlock;
  try {
    airlock = await startAirlock({
      dataDir,
      console: false,
      ...(policy === undefined ? {} : { startPolicy: { text: JSON.stringify(policy), source: 'test' } }),
      ...(keepaliveMs !== undefined ? { keepaliveMs } : {}),
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const base = [airlockBin, 'mcp', '--data-dir', dataDir];
  let stopped: Promise<void> | undefined;
  return {
    airlock,
    dataDir,
    bridge: (label, upstream, flags = []) => ({
      command: process.execPath,
      args: [...base, '--name', label, ...flags, '--', upstream.command, ...upstream.args],
      env: processEnv(upstream.env),
      stderr: 'pipe',
    }),
    inlineBridge: (upstream) => ({
      command: process.execPath,
      args: [...base, '--', upstream.command, ...upstream.args],
      env: processEnv(upstream.env),
      stderr: 'pipe',
    }),
    profileBridge: (name, env) => ({
      command: process.execPath,
      args: [...base, '--server', name],
      env: processEnv(env),
      stderr: 'pipe',
    }),
    stop() {
      stopped ??= airlock.shutdown().finally(() => rm(dataDir, { recursive: true, force: true }));
      return stopped;
    },
  };
}

/** A connected SDK client and what its bridge wrote to stderr. */
export interface AgentClient {
  readonly client: Client;
  /**
   * Every message the client received, in arrival order, recorded before the SDK dispatches it (the SDK
   * runs notification handlers a microtask later than response handlers, so its callbacks lose order).
   */
  readonly wire: JSONRPCMessage[];
  stderr(): string;
  close(): Promise<void>;
}

/** Launches a bridge with a real SDK client and lists its tools, as an MCP host does before calling one. */
export async function connectAgent(
  params: StdioServerParameters,
  capabilities: ClientCapabilities = {},
  name = 'approvals-e2e-agent',
): Promise<AgentClient> {
  const client = new Client({ name, version: '1.0.0' }, { capabilities });
  const transport = new StdioClientTransport(params);
  const wire: JSONRPCMessage[] = [];
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await client.connect(transport);
    const dispatch = transport.onmessage;
    transport.onmessage = (message: JSONRPCMessage) => {
      wire.push(message);
      dispatch?.(message);
    };
    await client.listTools();
  } catch (error) {
    await client.close();
    throw new Error(`could not connect through airlock mcp: ${(error as Error).message}\n${stderr}`, {
      cause: error,
    });
  }
  return { client, wire, stderr: () => stderr, close: () => client.close() };
}

/** Resolves with the first item (listed now or added later) that satisfies `match`. */
export function waitForItem(
  broker: ApprovalBroker,
  match: (item: ApprovalItem) => boolean,
  what: string,
): Promise<ApprovalItem> {
  return new Promise((resolve, reject) => {
    let unsubscribe = (): void => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no queue item ${what} within ${WAIT_MS} ms`));
    }, WAIT_MS);
    const done = (item: ApprovalItem): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(item);
    };
    unsubscribe = broker.subscribe((change) => {
      if (match(change.item)) done(change.item);
    });
    const listed = broker.list().find(match);
    if (listed) done(listed);
  });
}

/** The pending item holding `command` (matched on the arguments' `command` or `message`). */
export function waitForPending(broker: ApprovalBroker, text: string): Promise<ApprovalItem> {
  return waitForItem(
    broker,
    (item) =>
      item.state.kind === 'pending' && (item.arguments.command === text || item.arguments.message === text),
    `pending for ${JSON.stringify(text)}`,
  );
}

/** Waits until item `id` is in state `kind`. */
export function waitForState(
  broker: ApprovalBroker,
  id: string,
  kind: ApprovalStateKind,
): Promise<ApprovalItem> {
  return waitForItem(broker, (item) => item.id === id && item.state.kind === kind, `${id} in state ${kind}`);
}

/** Every core event since `start`, and waits on them. */
export interface EventLog {
  readonly events: CoreEvent[];
  /** Resolves with the first recorded event (past or future) satisfying `match`. */
  waitFor<T extends CoreEvent>(match: (event: CoreEvent) => event is T, what: string): Promise<T>;
  /** Events of one call, by type. */
  ofCall(callId: string): CoreEvent[];
  stop(): void;
}

/** Records the core's event stream. */
export function recordEvents(airlock: Airlock): EventLog {
  const events: CoreEvent[] = [];
  const waiters = new Set<(event: CoreEvent) => void>();
  const unsubscribe = airlock.core.events.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  });
  return {
    events,
    waitFor<T extends CoreEvent>(match: (event: CoreEvent) => event is T, what: string): Promise<T> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no core event ${what} within ${WAIT_MS} ms`));
        }, WAIT_MS);
        const waiter = (event: CoreEvent): void => {
          if (!match(event)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(event);
        };
        waiters.add(waiter);
      });
    },
    ofCall: (callId) => events.filter((event) => 'callId' in event && event.callId === callId),
    stop: unsubscribe,
  };
}

/** The event `type` of `callId`, as a type guard for `EventLog.waitFor`. */
export function eventOf<K extends CoreEvent['type']>(
  type: K,
  callId: string,
): (event: CoreEvent) => event is Extract<CoreEvent, { type: K }> {
  return (event): event is Extract<CoreEvent, { type: K }> =>
    event.type === type && 'callId' in event && event.callId === callId;
}

/** The text of a tool result's content, joined. */
export function resultText(result: unknown): string {
  const content = (result as CallToolResult).content;
  return content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join('\n');
}

/** Runs clean-ups in reverse order of registration, every one even when some fail, then rethrows the first. */
export class Cleanups {
  private readonly stack: (() => unknown)[] = [];

  /** Registers a clean-up; returns its argument for chaining. */
  add<T>(value: T, cleanup: (value: T) => unknown): T {
    this.stack.push(() => cleanup(value));
    return value;
  }

  /** Runs and forgets every registered clean-up. */
  async run(): Promise<void> {
    let first: unknown;
    for (const cleanup of this.stack.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== undefined)
      throw first instanceof Error ? first : new Error('a clean-up failed', { cause: first });
  }
}
