/**
 * Pure retention planning. History is pruned only as a prefix of the chain (every record with
 * seq <= cut), so what remains still verifies from a checkpoint; and the cut never splits a session, so a
 * kept session is always whole. A unit is a session (or a record that belongs to none).
 */
import type { RetentionPolicy } from './types';

/** A span of records that is removed whole or not at all. */
export interface RetentionUnit {
  readonly key: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly lastAt: number;
  /** Open sessions are never removed. */
  readonly ended: boolean;
}

/** What the database looks like now. */
export interface RetentionState {
  /** Units in ascending `firstSeq`, from the oldest; may stop before the first open session. */
  readonly units: readonly RetentionUnit[];
  /** Seq of the previous cut (0 when nothing was pruned yet). */
  readonly previousCut: number;
  /** Seq of the last record. */
  readonly headSeq: number;
  /** Bytes the database uses (pages in use × page size). */
  readonly usedBytes: number;
  readonly now: number;
}

/** The cut to make, or none. */
export interface RetentionPlan {
  /** Remove every record with seq <= cutSeq; null when nothing is to go. */
  readonly cutSeq: number | null;
  readonly removedUnits: readonly string[];
}

const DAY_MS = 86_400_000;

/** Validates a policy; a clear error for negative or non-numeric limits. */
export function checkRetentionPolicy(policy: RetentionPolicy): void {
  for (const [name, value] of Object.entries(policy) as [string, unknown][]) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`retention ${name} must be a positive number, got ${JSON.stringify(value)}`);
    }
  }
}

/** Chooses the longest removable prefix: ended units that are too old, or needed to get under the size. */
export function planRetention(policy: RetentionPolicy, state: RetentionState): RetentionPlan {
  checkRetentionPolicy(policy);
  const cutoff = policy.maxAgeDays === undefined ? null : state.now - policy.maxAgeDays * DAY_MS;
  const records = state.headSeq - state.previousCut;
  const maxBytes = policy.maxMegabytes === undefined ? null : policy.maxMegabytes * 1024 * 1024;
  // Records share the space roughly evenly, so freeing bytes means removing that share of records.
  const recordsToFree =
    maxBytes === null || state.usedBytes <= maxBytes || records <= 0
      ? 0
      : Math.ceil(((state.usedBytes - maxBytes) / state.usedBytes) * records);

  let reach = state.previousCut;
  let cutSeq: number | null = null;
  let removed = 0;
  const taken: string[] = [];
  for (let i = 0; i < state.units.length; i += 1) {
    const unit = state.units[i];
    if (unit === undefined) break;
    const tooOld = cutoff !== null && unit.lastAt < cutoff;
    const neededForSize = reach - state.previousCut < recordsToFree;
    if (!unit.ended || !(tooOld || neededForSize)) break;
    reach = Math.max(reach, unit.lastSeq);
    taken.push(unit.key);
    const next = state.units[i + 1];
    // A cut is only valid where no unit straddles it.
    if (next === undefined || next.firstSeq > reach) {
      cutSeq = reach;
      removed = taken.length;
    }
  }
  return { cutSeq, removedUnits: taken.slice(0, removed) };
}
