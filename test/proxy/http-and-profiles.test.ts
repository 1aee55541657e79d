/**
 * Saved server profiles (`airlock servers …`, `airlock mcp --server NAME`) and a Streamable HTTP upstream:
 * server-everything served over HTTP on 127.0.0.1, reached through a profile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { spawnRawBridge } from '../support/raw-bridge';
import {
  ALLOW_ALL_POLICY,
  everythingServer,
  repoRoot,
  startAirlockCore,
  type AirlockCoreHandle,
} from '../support/airlock-harness';

const httpEverything = join(repoRoot, 'dist', 'test', 'fixtures', 'http-everything-fixture.js');

function startHttpEverything(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [httpEverything], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const port = /LISTENING (\d+)/.exec(out)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}/mcp` });
    });
    child.once('exit', (code) => reject(new Error(`http fixture exited ${String(code)}`)));
  });
}

describe('server profiles and HTTP upstreams', () => {
  let core: AirlockCoreHandle;
  let http: { child: ChildProcess; url: string };

  beforeAll(async () => {
    core = await startAirlockCore({ policy: ALLOW_ALL_POLICY });
    http = await startHttpEverything();
  });
  afterAll(async () => {
    http.child.kill('SIGTERM');
    await core.stop();
  });

  it('adds, lists, shows and removes profiles from the CLI, with clear errors', async () => {
    const added = await core.cli([
      'servers',
      'add',
      'everything',
      '--env',
      'A=1',
      '--',
      process.execPath,
      everythingServer,
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/airlock mcp --server everything/);
    const list = await core.cli(['servers', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { name: 'everything', command: process.execPath, args: [everythingServer], env: { A: '1' } },
    ]);
    const bad = await core.cli(['servers', 'add', 'bad name!', '--', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid server profile: name/);
    const both = await core.cli(['servers', 'add', 'both', '--url', 'http://127.0.0.1:1/mcp', '--', 'x']);
    expect(both.stderr).toMatch(/exactly one of a command/);
    const missing = await core.cli(['servers', 'remove', 'nope']);
    expect(missing.stderr).toMatch(/no server named 'nope'/);
  });

  it('bridges a client to a saved stdio profile', async () => {
    const client = new Client({ name: 'c', version: '1' }, { capabilities: {} });
    await client.connect(new StdioClientTransport(core.profileBridgeParams('everything')));
    const result = await client.callTool({ name: 'echo', arguments: { message: 'by profile' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: by profile' }]);
    await client.close();
  });

  it('refuses an unknown profile with the command to add it', async () => {
    const client = new Client({ name: 'c', version: '1' }, { capabilities: {} });
    await expect(client.connect(new StdioClientTransport(core.profileBridgeParams('ghost')))).rejects.toThrow(
      /Unknown server profile 'ghost'.*airlock servers add ghost/,
    );
  });

  it('forwards a session to a Streamable HTTP upstream, including sampling', async () => {
    expect((await core.cli(['servers', 'add', 'everything-http', '--url', http.url])).code).toBe(0);
    const client = new Client({ name: 'http-client', version: '1' }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, () => ({
      model: 'm',
      role: 'assistant',
      content: { type: 'text', text: 'from client' },
    }));
    await client.connect(new StdioClientTransport(core.profileBridgeParams('everything-http')));
    expect(client.getServerVersion()?.name).toBe('mcp-servers/everything');
    const echo = await client.callTool({ name: 'echo', arguments: { message: 'over http' } });
    expect(echo.content).toEqual([{ type: 'text', text: 'Echo: over http' }]);
    const sampled = await client.callTool({
      name: 'trigger-sampling-request',
      arguments: { prompt: 'p', maxTokens: 5 },
    });
    expect(JSON.stringify(sampled.content)).toContain('from client');
    const resources = await client.listResources();
    expect(resources.resources.length).toBeGreaterThan(0);
    await client.close();
  });

  it('relays HTTP upstream progress before the result, on the wire', async () => {
    // Checked at the wire level: the SDK client handles notifications asynchronously and may drop the
    // last progress when it arrives together with the result, with or without Airlock in between.
    const raw = spawnRawBridge(core.profileBridgeParams('everything-http'));
    try {
      await raw.initialize();
      const args = { duration: 1, steps: 3 };
      raw.send({
        jsonrpc: '2.0',
        id: 'op',
        method: 'tools/call',
        params: { name: 'trigger-long-running-operation', arguments: args, _meta: { progressToken: 'p' } },
      });
      await raw.next((l) => l.id === 'op');
      expect(raw.progressSequence('op')).toEqual([1, 2, 3, 'op']);
    } finally {
      await raw.close();
    }
  });
});
