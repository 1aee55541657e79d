/** An SDK client that reaches its upstream through `airlock mcp`, exactly as Claude Desktop would. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, type StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';

/** Tool result text (the first text content), or the whole JSON when there is none. */
export function resultText(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.find((c) => c.type === 'text')?.text ?? JSON.stringify(result);
}

/** Connects a client over the given bridge parameters. */
export async function connectClient(params: StdioServerParameters): Promise<Client> {
  const client = new Client({ name: 'airlock-e2e-agent', version: '1.0.0' });
  await client.connect(new StdioClientTransport(params));
  return client;
}
