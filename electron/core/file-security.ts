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

/** Checks a path on disk; returns a reason to refuse, or null. POSIX only (Windows uses pipe ACLs). */
export function checkPathSync(what: string, path: string): string | null {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return null;
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    return `${what} ${path} is not accessible (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return unsafeReason(`${what} ${path}`, stats, process.getuid());
}

/** Creates the data folder owner-only, or tightens it if it exists and is ours. */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}
