/**
 * `airlock mcp`: the stdio bridge MCP clients launch. Everything it prints goes to stderr; stdout carries
 * only the relayed MCP stream.
 */
import { connectToCore, runBridge, type BridgeTarget, type CoreConnector } from '../bridge/bridge';
import { resolveDataDir } from '../core/paths';
import { splitAtDoubleDash } from './args';

const USAGE =
  'usage: airlock mcp --server NAME | airlock mcp [--name NAME] [--elicitation queue|client] -- COMMAND [ARGS…]   [--data-dir DIR]';

/** Parses `airlock mcp` flags without the schema library (start-up time matters here). */
export function parseMcpArgs(argv: readonly string[]): { target: BridgeTarget; dataDir: string | undefined } {
  const { before, after } = splitAtDoubleDash(argv);
  const flags = new Map<string, string>();
  for (let i = 0; i < before.length; i += 1) {
    const arg = before[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!['--server', '--name', '--data-dir', '--elicitation'].includes(name))
      throw new Error(`unknown option '${arg}'. ${USAGE}`);
    const value = eq === -1 ? before[(i += 1)] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new Error(`${name} needs a value. ${USAGE}`);
    flags.set(name, value);
  }
  const server = flags.get('--server');
  const dataDir = flags.get('--data-dir');
  if (server !== undefined) {
    if (after !== undefined)
      throw new Error(`give either --server or an inline command after --, not both. ${USAGE}`);
    return { target: { kind: 'profile', name: server }, dataDir };
  }
  const [command, ...args] = after ?? [];
  if (command === undefined)
    throw new Error(`missing upstream: give --server NAME or a command after --. ${USAGE}`);
  // Without --name the core names the upstream after what it launches (electron/core/server-identity.ts).
  const label = flags.get('--name');
  if (label?.includes('#')) {
    throw new Error(`--name must not contain '#' (it marks a fingerprint). ${USAGE}`);
  }
  const elicitation = flags.get('--elicitation');
  if (elicitation !== undefined && elicitation !== 'queue' && elicitation !== 'client') {
    throw new Error(`--elicitation must be 'queue' or 'client', got '${elicitation}'. ${USAGE}`);
  }
  return {
    target: {
      kind: 'inline',
      ...(label !== undefined && { label }),
      command,
      args,
      ...(elicitation ? { elicitation } : {}),
    },
    dataDir,
  };
}

/**
 * Runs the bridge. Bad arguments are reported on stderr and as an MCP error, never silently. Exit status:
 * 0 when the client ends a session that opened, 1 when the core could not be reached or refused it (also
 * when the client closed stdin before the refusal arrived), 2 for bad arguments.
 */
export async function mcpCommand(argv: string[]): Promise<number> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  let connect: CoreConnector;
  let usageError = false;
  let opened: Promise<boolean> | undefined;
  try {
    const parsed = parseMcpArgs(argv);
    const options = {
      dataDir: resolveDataDir(parsed.dataDir),
      target: parsed.target,
      env,
      cwd: process.cwd(),
      startTimeoutMs: Number(process.env.AIRLOCK_START_TIMEOUT_MS ?? 10_000),
    };
    connect = (request) => {
      const attempt = connectToCore(options, request);
      // The exit code reflects the first connection; reconnections come and go while the client stays.
      if (!request.resume)
        opened = attempt.then(
          () => true,
          () => false,
        );
      return attempt;
    };
  } catch (error) {
    // The client shows this for every request: a misconfigured entry is visible, not a silent crash.
    const refusal = error instanceof Error ? error : new Error(String(error));
    usageError = true;
    connect = () => Promise.reject(refusal);
  }
  const wait = Number(process.env.AIRLOCK_RECONNECT_WAIT_MS);
  const reconnectWaitMs = Number.isFinite(wait) && wait > 0 ? wait : 15_000;
  const code = await runBridge(io, connect, { reconnectWaitMs });
  process.stdin.destroy();
  if (usageError) return 2;
  // The bridge reports success when stdin ends before the handshake settles; a refusal still fails.
  if (code === 0 && opened !== undefined && !(await opened)) return 1;
  return code;
}
