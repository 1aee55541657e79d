/**
 * Ownership and permission checks for the socket, the token and the data folder. A file owned by another
 * user or writable by others could be a planted impostor: bridges refuse to talk through it.
 */
import { chmodSync, mkdirSync, statSync, type Stats } from 'node:fs';

/** Why a path is not safe to trust, or null when it is. Pure. */
export function unsafeReason(
  what: string,
  stats: Pick<Stats, 'uid' | 'mode'>,
  uid: number,
  options: { allowGroupRead?: boolean } = {},
): string | null {
  if (stats.uid !== uid) return `${what} is owned by uid ${stats.uid}, not by you (uid ${uid})`;
  const forbidden = options.allowGroupRead ? 0o022 : 0o077;
  if ((stats.mode & forbidden) !== 0) {
    const writable = (stats.mode & 0o022) !== 0 ? 'writable' : 'readable';
    return `${what} is ${writable} by other users (mode ${(stats.mode & 0o777).toString(8)})`;
  }
  return null;
}

/** What a look at a path found: trustworthy, not there to look at, or there but not to be trusted. */
export type PathCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'inaccessible'; readonly reason: string }
  | { readonly kind: 'unsafe'; readonly reason: string };

/** Checks a path on disk. POSIX only (Windows uses pipe ACLs: always `ok`). */
export function inspectPathSync(what: string, path: string): PathCheck {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return { kind: 'ok' };
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { kind: 'inaccessible', reason: `${what} ${path} is not accessible (${code})` };
  }
  const unsafe = unsafeReason(`${what} ${path}`, stats, process.getuid());
  return unsafe === null ? { kind: 'ok' } : { kind: 'unsafe', reason: unsafe };
}

/** Checks a path on disk; returns a reason to refuse (inaccessible or unsafe), or null. */
export function checkPathSync(what: string, path: string): string | null {
  const check = inspectPathSync(what, path);
  return check.kind === 'ok' ? null : check.reason;
}

/** Creates the data folder owner-only, or tightens it if it exists and is ours. */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}
