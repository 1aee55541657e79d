/**
 * No request is silently dropped for being too large: the real SDK client launches `airlock mcp` over
 * stdio in front of the probe upstream, through a real `airlock serve`. A request over the line limit is
 * answered with an error carrying its id (and never reaches the upstream); an upstream answer over the
 * limit becomes an error for the request it answered, whether its id comes first or last. The session
 * carries on after each.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LINE_BYTES } from '../../electron/proxy/line-splitter';
import {
  ALLOW_ALL_POLICY,
  probeFixture,
  startAirlockCore,
  type AirlockCoreHandle,
} from '../support/airlock-harness';

function text(result: unknown): string {
  return (result as { content?: { text?: string }[] }).content?.[0]?.text ?? '';
}

async function failure(call: Promise<unknown>): Promise<McpError> {
  const error = await call.then(
    () => new Error('the call was answered with a result'),
    (e: unknown) => e,
  );
  if (!(error instanceof McpError)) throw error;
  return error;
}

describe('overlong lines are answered, never dropped', { timeout: 60_000 }, () => {
  let core: AirlockCoreHandle;
  let client: Client;
  let bridgeErr = '';

  beforeAll(async () => {
    core = await startAirlockCore({ policy: ALLOW_ALL_POLICY, args: ['--no-console'] });
    client = new Client({ name: 'overlong-agent', version: '1.0.0' }, { capabilities: {} });
    const transport = new StdioClientTransport(core.bridgeParams('probe', process.execPath, [probeFixture]));
    transport.stderr?.on('data', (chunk: Buffer) => (bridgeErr += chunk.toString()));
    await client.connect(transport);
    await client.listTools();
  });

  afterAll(async () => {
    await (client as Client | undefined)?.close();
    await (core as AirlockCoreHandle | undefined)?.stop();
  });

  it('a request over the limit gets an error with its id and never reaches the upstream', async () => {
    const big = 'b'.repeat(DEFAULT_MAX_LINE_BYTES + 1024);
    const error = await failure(client.callTool({ name: 'echo', arguments: { big } }));
    expect(error.code).toBe(-32600);
    expect(error.message).toMatch(
      /this request is \d+ bytes, over the bridge's limit of 33554432; it was not forwarded/,
    );
    expect(bridgeErr).toMatch(
      /the client sent a line of \d+ bytes.*request \d+ \(tools\/call\) answered with an error/,
    );
    const seen = JSON.parse(text(await client.callTool({ name: 'seen', arguments: {} }))) as {
      seen: { params?: { name?: string } }[];
    };
    expect(seen.seen.filter((m) => m.params?.name === 'echo')).toEqual([]);
    expect(text(await client.callTool({ name: 'echo', arguments: { after: 1 } }))).toBe('{"after":1}');
  });

  it('an upstream answer over the limit becomes an error for that call, id first or last', async () => {
    for (const order of ['idFirst', 'idLast']) {
      const error = await failure(client.callTool({ name: 'huge', arguments: { message: order } }));
      expect(error.code).toBe(-32603);
      expect(error.message).toMatch(/the upstream's answer was \d+ bytes, over the limit; it was dropped/);
    }
    expect(text(await client.callTool({ name: 'echo', arguments: { still: true } }))).toBe('{"still":true}');
  });
});
