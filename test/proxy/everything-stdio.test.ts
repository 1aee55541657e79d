/**
 * A real SDK client launches `airlock mcp -- server-everything` over stdio, as Claude Desktop does, and
 * every MCP feature must behave exactly as it does without Airlock in the middle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { waitFor } from '../support/wait';
import {
  everythingServer,
  startAirlockCore,
  ALLOW_ALL_POLICY,
  type AirlockCoreHandle,
} from '../support/airlock-harness';

const capabilities = { sampling: {}, elicitation: {}, roots: { listChanged: true } };

async function connectDirect(): Promise<Client> {
  const client = new Client({ name: 'direct-client', version: '1.0.0' }, { capabilities });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [everythingServer], stderr: 'pipe' }),
  );
  return client;
}

describe('server-everything through airlock mcp (stdio)', () => {
  let core: AirlockCoreHandle;
  let client: Client;
  let direct: Client;
  const notifications: string[] = [];

  beforeAll(async () => {
    core = await startAirlockCore({ policy: ALLOW_ALL_POLICY });
    client = new Client({ name: 'test-client', version: '2.3.4' }, { capabilities });
    client.setRequestHandler(CreateMessageRequestSchema, (req) => ({
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: `sampled: ${JSON.stringify(req.params.messages[0]?.content)}` },
    }));
    client.setRequestHandler(ElicitRequestSchema, () => ({
      action: 'accept',
      content: { name: 'Ada', check: true },
    }));
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: [{ uri: 'file:///tmp/root-a', name: 'root-a' }],
    }));
    client.setNotificationHandler(
      ResourceUpdatedNotificationSchema,
      (n) => void notifications.push(`updated:${n.params.uri}`),
    );
    // Elicitation goes to the client here (the default routes upstream prompts to Airlock's queue).
    await client.connect(
      new StdioClientTransport(
        core.bridgeParams('everything', process.execPath, [everythingServer], undefined, [
          '--elicitation',
          'client',
        ]),
      ),
    );
    direct = await connectDirect();
  });

  afterAll(async () => {
    await client.close();
    await direct.close();
    await core.stop();
  });

  it('forwards the upstream identity, capabilities and instructions', () => {
    expect(client.getServerVersion()).toEqual(direct.getServerVersion());
    expect(client.getServerCapabilities()).toEqual(direct.getServerCapabilities());
    expect(client.getInstructions()).toEqual(direct.getInstructions());
    expect(client.getServerVersion()?.name).toBe('mcp-servers/everything');
  });

  it('lists the same tools, including those that depend on client capabilities', async () => {
    const through = (await client.listTools()).tools.map((t) => t.name).sort();
    const straight = (await direct.listTools()).tools.map((t) => t.name).sort();
    expect(through).toEqual(straight);
    expect(through).toContain('trigger-sampling-request');
    expect(through).toContain('trigger-elicitation-request');
  });

  it('calls a tool and returns its result', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { message: 'through airlock' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: through airlock' }]);
  });

  it('relays sampling requests to the client and its answer back', async () => {
    const result = await client.callTool({
      name: 'trigger-sampling-request',
      arguments: { prompt: 'hello', maxTokens: 10 },
    });
    expect(JSON.stringify(result.content)).toContain('sampled:');
  });

  it('relays elicitation requests to the client and its answer back', async () => {
    const result = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
    expect(JSON.stringify(result.content)).toContain('Ada');
  });

  it('relays roots/list from the upstream to the client', async () => {
    const result = await client.callTool({ name: 'get-roots-list', arguments: {} });
    expect(JSON.stringify(result.content)).toContain('file:///tmp/root-a');
  });

  it('relays progress for a long-running operation in order, before the result', async () => {
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 1, steps: 4 } },
      undefined,
      {
        onprogress: (p) => progress.push(p.progress),
      },
    );
    // The SDK client handles notifications asynchronously and can drop the last progress when it lands
    // in the same read as the result (with or without a proxy); wire order is checked in transparency.test.ts.
    expect(progress.slice(0, 3)).toEqual([1, 2, 3]);
    expect(progress.every((p, i) => i === 0 || p > (progress[i - 1] ?? 0))).toBe(true);
    expect(JSON.stringify(result.content)).toContain('completed');
  });

  it('cancels an in-flight call when the client aborts', async () => {
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 30, steps: 30 } },
      undefined,
      {
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort('operator changed their mind'), 300);
    await expect(call).rejects.toThrow(/operator changed their mind|abort/i);
    // The session stays usable after the cancel.
    const echo = await client.callTool({ name: 'echo', arguments: { message: 'still here' } });
    expect(echo.content).toEqual([{ type: 'text', text: 'Echo: still here' }]);
  });

  it('forwards resources, prompts, completions, ping and logging', async () => {
    const resources = await client.listResources();
    expect(resources.resources.length).toBeGreaterThan(0);
    const first = resources.resources[0];
    if (!first) throw new Error('no resources');
    const read = await client.readResource({ uri: first.uri });
    expect(read.contents.length).toBeGreaterThan(0);
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.length).toBeGreaterThan(0);
    const prompts = await client.listPrompts();
    expect(prompts.prompts.length).toBeGreaterThan(0);
    const directPrompts = await direct.listPrompts();
    expect(prompts).toEqual(directPrompts);
    await expect(client.ping()).resolves.toBeDefined();
    await expect(client.setLoggingLevel('debug')).resolves.toBeDefined();
    const argPrompt = prompts.prompts.find((p) => (p.arguments ?? []).length > 0);
    const argument = argPrompt?.arguments?.[0];
    if (!argPrompt || !argument)
      throw new Error('server-everything offers no prompt with arguments to complete');
    const request = {
      ref: { type: 'ref/prompt' as const, name: argPrompt.name },
      argument: { name: argument.name, value: '' },
    };
    expect(await client.complete(request)).toEqual(await direct.complete(request));
  });

  it('forwards resource subscriptions and their update notifications', async () => {
    const uri = 'demo://resource/dynamic/text/1';
    await client.subscribeResource({ uri });
    await client.callTool({ name: 'toggle-subscriber-updates', arguments: {} });
    await waitFor(() => notifications.some((n) => n === `updated:${uri}`), 15_000);
    await client.callTool({ name: 'toggle-subscriber-updates', arguments: {} });
    await client.unsubscribeResource({ uri });
  });
});
