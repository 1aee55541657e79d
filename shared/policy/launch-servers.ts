/**
 * The SSH MCP servers a launch can start, as launch identification knows them: packages, executables,
 * entry scripts, Python modules and container images (from reference/ssh-servers.md), and how
 * ssh-mcp's own flags name its quick-start target. Pure.
 */
import type { LaunchTarget } from './launch-target';

/** How to recognise one server family in a launch. */
export interface KnownServer {
  readonly adapterId: string;
  /** Package names (npm or PyPI) that install the server. */
  readonly packages: readonly string[];
  /** Executable names the package installs. */
  readonly bins: readonly string[];
  /** Entry scripts (paths with forward slashes). */
  readonly scripts: readonly RegExp[];
  /** Python modules run with `python -m`. */
  readonly modules: readonly string[];
  /** Last path segment of a container image name. */
  readonly images: readonly string[];
  readonly target?: (
    serverArgs: readonly string[],
    version: string | undefined,
    notes: string[],
  ) => LaunchTarget | undefined;
}

/** Every server family launch identification recognises. */
export const KNOWN: readonly KnownServer[] = [
  {
    adapterId: 'ssh-mcp',
    packages: ['ssh-mcp'],
    bins: ['ssh-mcp'],
    scripts: [/(^|\/)ssh-mcp\/build\/index\.js$/, /(^|\/)node_modules\/ssh-mcp\//],
    modules: [],
    images: [],
    target: sshMcpTarget,
  },
  {
    adapterId: 'mcp-ssh-orchestrator',
    packages: ['mcp-ssh-orchestrator'],
    bins: ['mcp-ssh-orchestrator'],
    scripts: [/(^|\/)mcp_ssh\/mcp_server\.py$/],
    modules: ['mcp_ssh.mcp_server'],
    images: ['mcp-ssh-orchestrator'],
  },
  {
    // Not the unscoped npm `mcp-ssh` (an Express REST API, not an MCP server): only the scoped package.
    adapterId: 'aionda-mcp-ssh',
    packages: ['@aiondadotcom/mcp-ssh'],
    bins: ['mcp-ssh'],
    scripts: [/(^|\/)@aiondadotcom\/mcp-ssh\//],
    modules: [],
    images: [],
  },
  {
    adapterId: 'classfang-ssh-mcp-server',
    packages: ['@fangjunjie/ssh-mcp-server'],
    bins: ['ssh-mcp-server'],
    scripts: [/(^|\/)@fangjunjie\/ssh-mcp-server\//],
    modules: [],
    images: [],
  },
];

/** A recognised server before its flags are read. */
export interface Found {
  readonly server: KnownServer;
  readonly via: string;
  readonly version?: string;
  readonly serverArgs: readonly string[];
  readonly notes?: readonly string[];
}

/** The executable's name: last path segment, lower-case, without a Windows or script extension. */
export function programName(command: string): string {
  const base = command.replace(/\\/g, '/').split('/').pop() ?? '';
  return base.toLowerCase().replace(/\.(exe|cmd|bat|ps1|com)$/, '');
}

/** A path shortened for messages (its last four segments). */
export function displayPath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/');
  return parts.length > 4 ? `…/${parts.slice(-4).join('/')}` : parts.join('/');
}

/** The server whose package installs this executable name. */
export function byBin(program: string): KnownServer | undefined {
  return KNOWN.find((k) => k.bins.includes(program));
}

/** The server whose entry script this path is. */
export function byScript(path: string): KnownServer | undefined {
  const normal = path.replace(/\\/g, '/');
  return KNOWN.find((k) => k.scripts.some((re) => re.test(normal)));
}

/** The server this npm or PyPI package name installs. */
export function byPackage(name: string): KnownServer | undefined {
  return KNOWN.find((k) => k.packages.includes(name));
}

// ─── ssh-mcp flags ───────────────────────────────────────────────────────────────────────────────

/**
 * ssh-mcp's `parseArgv` (build/cli.js, 2.11.0): only `--key=value` carries a value; a bare `--key`
 * is stored as null and the following word is dropped; a later occurrence wins.
 */
function sshMcpArgv(args: readonly string[]): Map<string, string | null> {
  const argv = new Map<string, string | null>();
  for (const arg of args) {
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq === -1) argv.set(arg.slice(2), null);
    else argv.set(arg.slice(2, eq), arg.slice(eq + 1));
  }
  return argv;
}

/**
 * The quick-start profile ssh-mcp 2.x builds from `--host=H --user=U [--port=P]` (`buildAppConfig`):
 * named `default`, port `parseInt(--port) || 22`. None when `--config` is given (the file's profiles
 * are used and the flags ignored), when a flag has no `=value` or an empty one (ssh-mcp then refuses
 * to start), or for ssh-mcp 1.x (whose tools take no profile).
 */
function sshMcpTarget(
  serverArgs: readonly string[],
  version: string | undefined,
  notes: string[],
): LaunchTarget | undefined {
  const argv = sshMcpArgv(serverArgs);
  const host = argv.get('host');
  const user = argv.get('user');
  if (host === undefined && user === undefined) return undefined;
  if (/^[~^=v]?1(\.|$)/.test(version ?? '')) {
    notes.push('ssh-mcp 1.x has no profiles; the host from --host is not tracked');
    return undefined;
  }
  if (argv.has('config')) {
    notes.push('--config is given, so ssh-mcp takes its profiles from that file and ignores --host/--user');
    return undefined;
  }
  const spaced = (['host', 'user'] as const).filter((k) => argv.get(k) === null);
  if (spaced.length > 0) {
    notes.push(
      `ssh-mcp reads only --${spaced[0] ?? 'host'}=VALUE; "--${spaced[0] ?? 'host'} VALUE" makes it refuse to start`,
    );
    return undefined;
  }
  if (!host || !user) {
    notes.push(
      'ssh-mcp needs both --host=… and --user=… for its quick-start profile; it refuses to start without',
    );
    return undefined;
  }
  const port = Number.parseInt(argv.get('port') ?? '', 10);
  return {
    kind: 'profile',
    name: 'default',
    host,
    user,
    port: Number.isNaN(port) || port === 0 ? 22 : port,
    dependsOnDefaultConfig: true,
  };
}
