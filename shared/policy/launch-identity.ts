/**
 * Which SSH MCP server an upstream launch starts, and where its launch flags point it, read from the
 * command line alone: a server profile's `command` + `args`, or `airlock mcp -- COMMAND ARGS…`.
 * Recognised launches: the server's own executable (`ssh-mcp`), a package runner (`npx [-y]`,
 * `npm exec`, `pnpm dlx`, `pnpx`, `yarn dlx`, `bunx`, `bun x`, `uvx`, `pipx run`), an entry script run by
 * `node`/`bun`/`python` (`node …/node_modules/ssh-mcp/build/index.js`, `python -m mcp_ssh.mcp_server`),
 * a container image (`docker|podman run … ghcr.io/samerfarida/mcp-ssh-orchestrator`), and any of these
 * behind Windows' `cmd /c`. Package and executable names come from reference/ssh-servers.md;
 * KinoThe-Kafkaesque/ssh-mcp-server is not published and runs as a bare `node build/index.js`, so no
 * launch identifies it.
 *
 * Targets: only ssh-mcp 2.x documents launch flags that name a host (its quick start,
 * `--host=H --port=P --user=U`), parsed exactly as ssh-mcp's own `parseArgv` does. Pure: no file system.
 * The one fact that needs the disk (ssh-mcp ignores its flags when its platform default config file
 * exists) is reported as {@link LaunchTarget.dependsOnDefaultConfig} for the caller to check.
 */
import { ADAPTERS, adapterById, type AdapterSpec } from './adapters';
import type { LaunchTarget } from './launch-target';
import { parseLaunch } from './launch-forms';

export type { LaunchTarget } from './launch-target';

/** An upstream launch: what a stdio server profile (or an inline `airlock mcp -- …`) runs. */
export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** The child's complete environment, when known (only consulted to locate config files). */
  readonly env?: Readonly<Record<string, string>>;
}

/** What a launch says about the server it starts. */
export interface LaunchIdentity {
  readonly adapter: AdapterSpec;
  /** The package that installs the server (`ssh-mcp`, `@aiondadotcom/mcp-ssh`), however it was launched. */
  readonly package: string;
  /** How the launch named the server, for messages: `npx ssh-mcp@2.11.0`, `node …/ssh-mcp/build/index.js`. */
  readonly via: string;
  /** The package version pinned in the launch (`ssh-mcp@2.11.0` → `2.11.0`), when any. */
  readonly version?: string;
  /** The arguments the server itself receives (after the runner, package and script). */
  readonly serverArgs: readonly string[];
  /** Where the flags point the server, when they do and the server would honour them. */
  readonly target?: LaunchTarget;
  /** Why flags that look like a target were not taken as one (one sentence each). */
  readonly notes: readonly string[];
}

/**
 * Identifies the SSH MCP server a launch starts, or null when the launch names none the adapter table
 * knows (a generic `node build/index.js`, an unknown package, inline code). Never throws.
 */
export function identifyLaunch(launch: LaunchSpec): LaunchIdentity | null {
  const found = parseLaunch(launch.command, launch.args, 0);
  if (!found) return null;
  const adapter = adapterById(found.server.adapterId);
  if (!adapter) return null;
  const notes = [...(found.notes ?? [])];
  const target = found.server.target?.(found.serverArgs, found.version, notes);
  return {
    adapter,
    package: found.server.packages[0] ?? adapter.id,
    via: found.via,
    ...(found.version !== undefined && { version: found.version }),
    serverArgs: found.serverArgs,
    ...(target && { target }),
    notes,
  };
}

/**
 * The one adapter whose tool table has this tool name, or null when none or several do. A guess for
 * simulators only (`run-command` → ssh-mcp): on the live path the tool name is the agent's choice.
 */
export function adapterForToolName(tool: string): AdapterSpec | null {
  const owners = ADAPTERS.filter((a) => Object.hasOwn(a.tools, tool));
  return owners.length === 1 ? (owners[0] ?? null) : null;
}

/**
 * Where ssh-mcp looks for its config when started without `--config`, as its `getConfigPath` computes
 * it: macOS `~/Library/Application Support/ssh-mcp/config.toml`, Windows
 * `%APPDATA%\ssh-mcp\config.toml`, elsewhere `$XDG_CONFIG_HOME/ssh-mcp/config.toml` (default
 * `~/.config`). `homedir` is the child's home folder (`os.homedir()` as the child would see it).
 */
export function sshMcpDefaultConfigPath(
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
  homedir: string,
): string {
  if (platform === 'darwin') return `${homedir}/Library/Application Support/ssh-mcp/config.toml`;
  if (platform === 'win32') {
    return `${env.APPDATA || `${homedir}\\AppData\\Roaming`}\\ssh-mcp\\config.toml`;
  }
  return `${env.XDG_CONFIG_HOME || `${homedir}/.config`}/ssh-mcp/config.toml`;
}
