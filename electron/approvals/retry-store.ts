/**
 * The answer-early retry store. Clients with short fixed time-outs get "pending operator approval, retry";
 * the identical retry must then get the operator's decision at once.
 *
 * Keying: (server name, tool, digest of canonical arguments) — the server profile, not the session, so a
 * retry after the client restarted its server process still matches.
 * Lifetime: an entry lives `ttlMs` (default 10 minutes) from the decision. An approval is used once (a
 * second identical call is held again); a denial answers every identical retry until it expires, which
 * keeps a looping agent from re-prompting the operator.
 */
import { digestKey } from './digest';
import type { Resolution } from './types';

/** A remembered decision. */
export interface RetryEntry {
  readonly itemId: string;
  readonly resolution: Resolution;
  readonly expiresAt: number;
}

/** The retry-store key of a call. */
export function retryKey(serverName: string, tool: string, digest: string): string {
  return digestKey('retry', [serverName, tool, digest]);
}

/** Decisions kept for identical retries; time is passed in, no timers. */
export class RetryStore {
  private readonly entries = new Map<string, RetryEntry>();

  /** Remembers a decision (the newest wins). */
  put(key: string, entry: RetryEntry): void {
    this.entries.set(key, entry);
  }

  /** The decision for `key`, if still fresh; an approval is removed as it is taken. */
  take(key: string, now: number): RetryEntry | null {
    const entry = this.entries.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return null;
    }
    if (entry.resolution.kind === 'forward') this.entries.delete(key);
    return entry;
  }

  /** Drops expired entries. */
  prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
