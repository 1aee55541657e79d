import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { StdioLaunch } from '../ssh/fixture-launch';

/** A connected SDK client and its server's stderr so far (for failure messages). */
export interface RigClient {
  readonly client: Client;
  stderr(): string;
  close(): Promise<void>;
}

/** Launches a stdio MCP server with a real SDK client, as an MCP host would. */
export async function connectStdio(
  launch: StdioLaunch,
  capabilities: ClientCapabilities = {},
): Promise<RigClient> {
  const client = new Client({ name: 'airlock-rig-test', version: '0.0.0' }, { capabilities });
  const transport = new StdioClientTransport({ ...launch, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The first text content of a tool result. */
export function textOf(result: unknown): string {
  const content = (result as CallToolResult).content;
  const first = content[0];
  if (first?.type !== 'text') throw new Error(`expected text content, got ${JSON.stringify(result)}`);
  return first.text;
}

/** Calls a tool and returns its first text content. */
export async function callText(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  return textOf(await client.callTool({ name, arguments: args }));
}

/** Calls a tool whose text is JSON and parses it. */
export async function callJson<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  return JSON.parse(await callText(client, name, args)) as T;
}

/**
 * Repeats `probe` until it returns a value (not undefined), yielding briefly between tries; fails after
 * `attempts`. Used to poll remote state, never to assert on timing.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  attempts = 200,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}
