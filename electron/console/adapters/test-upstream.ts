/**
 * "Test connection": starts a profile's upstream directly (not through policy — nothing is called),
 * initialises an MCP session, lists the tools, and stops it. Bounded in time; the process is always
 * stopped.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

import type { ConnectionTestResult } from '../../../shared/contract/views';
import { errorMessage } from '../../../shared/contract/result';
import type { ServerProfile } from '../../profiles/profile';

const TEST_TIMEOUT_MS = 20_000;

function transportFor(profile: ServerProfile): Transport {
  if (profile.url !== undefined) {
    return new StreamableHTTPClientTransport(new URL(profile.url), {
      requestInit: { headers: profile.headers },
    });
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return new StdioClientTransport({
    command: profile.command ?? '',
    args: profile.args,
    env: { ...env, ...profile.env },
    ...(profile.cwd === undefined ? {} : { cwd: profile.cwd }),
    stderr: 'ignore',
  });
}

/** Connects, lists tools, disconnects. Never throws: failures come back as `ok: false`. */
export async function testUpstream(profile: ServerProfile): Promise<ConnectionTestResult> {
  const started = Date.now();
  const client = new Client({ name: 'airlock-connection-test', version: '1.0.0' });
  const transport = transportFor(profile);
  try {
    await client.connect(transport, { timeout: TEST_TIMEOUT_MS });
    const listed = await client.listTools(undefined, { timeout: TEST_TIMEOUT_MS });
    const server = client.getServerVersion();
    const tools = listed.tools.map((tool) => tool.name);
    return {
      ok: true,
      message:
        `Connected to ${server?.name ?? 'the server'} ${server?.version ?? ''}: ${tools.length} tools.`.replace(
          '  ',
          ' ',
        ),
      tools,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    return {
      ok: false,
      message: `Could not connect: ${errorMessage(error)}`,
      tools: [],
      durationMs: Date.now() - started,
    };
  } finally {
    await client.close().catch(() => undefined);
  }
}
