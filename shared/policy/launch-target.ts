/** Where a launch's own flags point its server: a type of its own, so the launch modules share it without a cycle. */
import type { TargetKind } from './adapters';

/**
 * The target a launch's own flags configure: ssh-mcp 2.x builds one profile named `default` from
 * `--host`/`--user`/`--port`, used by every call without a `profile` argument.
 */
export interface LaunchTarget {
  /** What kind of reference a call uses to name this target (`profile` for ssh-mcp). */
  readonly kind: TargetKind;
  /** The name the server gives the target (`default` for ssh-mcp's quick-start profile). */
  readonly name: string;
  readonly host: string;
  readonly user: string;
  readonly port: number;
  /**
   * True when the server ignores these flags if its platform default config file exists (ssh-mcp
   * without `--config`: `~/.config/ssh-mcp/config.toml` and its macOS/Windows equivalents). The caller
   * must check that file (see `sshMcpDefaultConfigPath` in launch-identity.ts) before trusting the target.
   */
  readonly dependsOnDefaultConfig: boolean;
}
