/**
 * The name an inline upstream runs under. Without `--name`: what it launches (shared/policy/launch-label.ts)
 * plus a fingerprint of the command line, the environment's keys and (for relative paths) the working
 * folder, e.g. `ssh-mcp#3f9a1c2e`. With `--name NAME`: NAME for the command line that first used it; any
 * other command line runs as `NAME#fingerprint` and is reported as a conflict until the operator accepts.
 */
import { createHash } from 'node:crypto';
import { launchLabel } from '../../shared/policy/launch-label';
import { fingerprintedName } from '../../shared/policy/server-name';
import type { NameConflict, NameRegistry } from '../policy/name-bindings';

/** An inline upstream's identity. */
export interface InlineIdentity {
  readonly serverName: string;
  /** What it launches, or the name given with `--name`. */
  readonly label: string;
  readonly fingerprint: string;
  /** Set when `--name` is bound to another command line (shown in the queue; calls wait). */
  readonly conflict?: NameConflict;
}

/** What identifies an inline launch. */
export interface InlineLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly envKeys: readonly string[];
  readonly cwd: string;
  /** The name given with `--name`, if any. */
  readonly explicitName?: string;
}

/** 8 hex digits of SHA-256 over the parts (JSON-encoded, so no two part lists collide by joining). */
export function fingerprintOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 8);
}

/** The command line as one readable string (for notices). */
export function commandLineText(command: string, args: readonly string[]): string {
  return [command, ...args].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');
}

/** Resolves the identity of an inline launch (claims `--name` in the registry when one is given). */
export function inlineIdentity(
  launch: InlineLaunch,
  names: NameRegistry | undefined,
  now: number,
): InlineIdentity {
  const relative = [launch.command, ...launch.args].some(
    (w) => /^\.\.?[/\\]/.test(w) || /^[\w.-]+[/\\]/.test(w),
  );
  const where = relative ? [launch.cwd] : [];
  if (launch.explicitName !== undefined) {
    const name = launch.explicitName;
    // The command line alone: a client's environment should not make its own server a stranger.
    const fingerprint = fingerprintOf([launch.command, launch.args, ...where]);
    const claim = names?.claim(name, fingerprint, commandLineText(launch.command, launch.args), now);
    if (claim?.kind === 'conflict') {
      return {
        serverName: fingerprintedName(name, fingerprint),
        label: name,
        fingerprint,
        conflict: { name, fingerprint, boundCommand: claim.boundCommand },
      };
    }
    return { serverName: name, label: name, fingerprint };
  }
  const label = launchLabel(launch.command, launch.args);
  const fingerprint = fingerprintOf([launch.command, launch.args, [...launch.envKeys].sort(), ...where]);
  return { serverName: fingerprintedName(label, fingerprint), label, fingerprint };
}
