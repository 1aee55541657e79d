/**
 * The one disk check launch-derived targets need (shared/policy/launch-identity.ts is pure): ssh-mcp
 * started without `--config` ignores its `--host/--user` flags when its platform default config file
 * exists, so a target read from those flags is trusted only when that file is absent.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import {
  sshMcpDefaultConfigPath,
  type LaunchIdentity,
  type LaunchSpec,
} from '../../shared/policy/launch-identity';

/** Decides whether a launch's target holds for the server as it will really run. */
export type LaunchTargetCheck = (identity: LaunchIdentity, launch: LaunchSpec) => boolean;

/** What the check looks at; every field defaults to this process's own. */
export interface LaunchProbeOptions {
  readonly platform?: string;
  /** The environment used when the launch carries none (the child inherits the core's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homedir?: () => string;
  readonly exists?: (path: string) => boolean;
}

/**
 * Creates the check the policy gate uses (`PolicyGateDeps.launchTargetCheck`). The config path is
 * computed from the child's environment when the launch carries it (`HOME`/`USERPROFILE`,
 * `XDG_CONFIG_HOME`, `APPDATA`), else from this process's. An unreadable answer counts as "exists",
 * so a doubt never yields a target.
 */
export function createLaunchProbe(options: LaunchProbeOptions = {}): LaunchTargetCheck {
  const platform = options.platform ?? process.platform;
  const exists = options.exists ?? existsSync;
  const home = options.homedir ?? homedir;
  return (identity, launch) => {
    const target = identity.target;
    if (!target) return false;
    if (!target.dependsOnDefaultConfig) return true;
    const env = launch.env ?? options.env ?? process.env;
    const homeVar = platform === 'win32' ? env.USERPROFILE : env.HOME;
    const path = sshMcpDefaultConfigPath(platform, env, homeVar || home());
    try {
      return !exists(path);
    } catch {
      return false;
    }
  };
}
