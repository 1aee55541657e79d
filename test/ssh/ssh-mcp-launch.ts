import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { registerExitCleanup } from './exit-cleanup';
import type { SshdHandle } from './sshd-harness';

/** ssh-mcp's approval modes (`defaults.approvalMode`): `ask-*` prompt the client via `elicitation/create`. */
export type SshMcpApprovalMode = 'auto' | 'ask-destructive' | 'ask-all' | 'deny';

/** How to set up ssh-mcp for the harness. */
export interface SshMcpOptions {
  /** Default `ask-destructive` (ssh-mcp's own default). */
  readonly approvalMode?: SshMcpApprovalMode;
  /** Profile name the tools' `profile` argument refers to. Default `local`. */
  readonly profile?: string;
  /** Profile role; default `admin` so every class is reachable and only the approval mode decides. */
  readonly role?: 'viewer' | 'operator' | 'admin';
  /** Policy tier; default `dev`. */
  readonly group?: string;
}

/** What to hand to `StdioClientTransport` (or `airlock mcp -- …`) to launch ssh-mcp, plus clean-up. */
export interface SshMcpLaunch {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly configPath: string;
  /** The throwaway HOME (audit log lands under it). */
  readonly home: string;
  /** Removes the config and HOME. Idempotent. */
  readonly cleanup: () => void;
}

/** ssh-mcp's bin entry, resolved from node_modules (not via npx: no registry look-ups in tests). */
export function sshMcpEntry(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('ssh-mcp/package.json')), 'build', 'index.js');
}

/** A TOML basic string; JSON string escapes are valid TOML escapes for the characters JSON escapes. */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

/** Renders ssh-mcp's config.toml: one key-auth profile pinned to the harness host key. */
export function renderSshMcpConfig(sshd: SshdHandle, options: SshMcpOptions = {}): string {
  const profile = options.profile ?? 'local';
  return [
    '[defaults]',
    `defaultProfile = ${tomlString(profile)}`,
    `approvalMode = ${tomlString(options.approvalMode ?? 'ask-destructive')}`,
    '',
    '[[profiles]]',
    `name = ${tomlString(profile)}`,
    `host = ${tomlString(sshd.host)}`,
    `port = ${sshd.port}`,
    `user = ${tomlString(sshd.user)}`,
    'auth = "key"',
    `keyRef = ${tomlString(sshd.privateKeyPath)}`,
    `role = ${tomlString(options.role ?? 'admin')}`,
    `group = ${tomlString(options.group ?? 'dev')}`,
    // Pinned, so ssh-mcp verifies the harness host key instead of trusting on first use.
    `trustedHostKey = ${tomlString(sshd.hostKeyFingerprint)}`,
    '',
  ].join('\n');
}

/**
 * Writes ssh-mcp's config for the harness (config dir 0700, config.toml 0600, as ssh-mcp enforces) in a
 * throwaway HOME, and returns how to launch it over stdio with no SSH agent or real config leaking in.
 */
export async function prepareSshMcp(sshd: SshdHandle, options: SshMcpOptions = {}): Promise<SshMcpLaunch> {
  const home = await mkdtemp(join(tmpdir(), 'airlock-ssh-mcp-'));
  const cleanup = (): void => rmSync(home, { recursive: true, force: true });
  const unregister = registerExitCleanup(cleanup);
  const configDir = join(home, '.config', 'ssh-mcp');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const configPath = join(configDir, 'config.toml');
  await writeFile(configPath, renderSshMcpConfig(sshd, options), { mode: 0o600 });
  return {
    command: process.execPath,
    args: [sshMcpEntry(), `--config=${configPath}`],
    env: {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      SSH_AUTH_SOCK: '',
      PATH: process.env.PATH ?? '/usr/bin:/bin',
    },
    configPath,
    home,
    cleanup: () => {
      cleanup();
      unregister();
    },
  };
}
