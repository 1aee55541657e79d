/**
 * A bounded least-recently-used cache of command analyses keyed by the exact command text. Analysis is
 * a pure function of the text (same grammar, same classifier), so a hit returns exactly what a fresh
 * analysis would; identical retries (after an approval) and repeated commands then skip the parser.
 * Entries are deep-frozen so no consumer can change a shared analysis, and both the number of entries
 * and the total length of cached text are capped.
 */
import type { CommandAnalysis } from '../../../shared/policy/fields';

/** Limits of an {@link AnalysisCache}. */
export interface AnalysisCacheLimits {
  /** Most entries kept (0 disables the cache). */
  readonly maxEntries: number;
  /** Most characters of command text kept over all entries (analyses grow with their text). */
  readonly maxTotalChars: number;
  /** Longer texts are never cached. */
  readonly maxEntryChars: number;
  /**
   * Keep an analysis only when its text is seen a second time (the texts of the last `maxEntries`
   * one-off analyses are remembered, not their analyses). Most commands are seen once: keeping their
   * analyses promotes them into the old generation, and the collections that follow tripled the
   * p99 of a 1 KB decision in `npm run bench`. Retries and repeated commands hit from the third sight.
   */
  readonly admitOnSecondSight?: boolean;
}

/**
 * Default limits: 512 entries, at most 2 Mi characters of text in all, none over 16 Ki characters,
 * admitted on second sight.
 */
export const DEFAULT_ANALYSIS_CACHE_LIMITS: AnalysisCacheLimits = {
  maxEntries: 512,
  maxTotalChars: 2 * 1024 * 1024,
  maxEntryChars: 16 * 1024,
  admitOnSecondSight: true,
};

/** Limits that turn the cache off (every analysis runs the parser). */
export const NO_ANALYSIS_CACHE: AnalysisCacheLimits = { maxEntries: 0, maxTotalChars: 0, maxEntryChars: 0 };

/** The cache. */
export interface AnalysisCache {
  /** The cached analysis of exactly `text` (and marks it recently used), or undefined. */
  get(text: string): CommandAnalysis | undefined;
  /**
   * Keeps `analysis` for `text` when within the limits (and, with `admitOnSecondSight`, seen before):
   * deep-frozen in place, as returned; else returns it as is.
   */
  set(text: string, analysis: CommandAnalysis): CommandAnalysis;
  /** Number of entries. */
  readonly size: number;
  /** Total characters of cached text. */
  readonly totalChars: number;
}

/** Creates an empty cache. */
export function createAnalysisCache(
  limits: AnalysisCacheLimits = DEFAULT_ANALYSIS_CACHE_LIMITS,
): AnalysisCache {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  const entries = new Map<string, CommandAnalysis>();
  /** Texts analysed once and not kept (admission on second sight); oldest first. */
  const seenOnce = new Set<string>();
  let totalChars = 0;
  const firstSight = (text: string): boolean => {
    if (!limits.admitOnSecondSight) return false;
    if (seenOnce.delete(text)) return false;
    seenOnce.add(text);
    if (seenOnce.size > limits.maxEntries) seenOnce.delete(seenOnce.values().next().value as string);
    return true;
  };
  const evictOldest = (): void => {
    const oldest = entries.keys().next();
    if (oldest.done) return;
    entries.delete(oldest.value);
    totalChars -= oldest.value.length;
  };
  return {
    get(text) {
      const hit = entries.get(text);
      if (hit === undefined) return undefined;
      entries.delete(text);
      entries.set(text, hit);
      return hit;
    },
    set(text, analysis) {
      if (limits.maxEntries <= 0 || text.length > limits.maxEntryChars) return analysis;
      if (text.length > limits.maxTotalChars) return analysis;
      if (firstSight(text)) return analysis;
      const frozen = deepFreeze(analysis);
      if (entries.delete(text)) totalChars -= text.length;
      while (entries.size >= limits.maxEntries || totalChars + text.length > limits.maxTotalChars) {
        if (entries.size === 0) break;
        evictOldest();
      }
      entries.set(text, frozen);
      totalChars += text.length;
      return frozen;
    },
    get size() {
      return entries.size;
    },
    get totalChars() {
      return totalChars;
    },
  };
}

/**
 * Freezes an analysis and everything reachable from it: the enumerable properties of objects (`for
 * … in`: own ones for the plain objects analyses are made of) and the elements of arrays. Iterative;
 * unlike `Object.values`, no array is allocated per object, which halves the cost for the ~1,000
 * objects of a 1 KB command's analysis.
 */
export function deepFreeze<T>(value: T): T {
  const stack: object[] = [];
  if (typeof value === 'object' && value !== null) stack.push(value);
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    if (Object.isFrozen(v)) continue;
    Object.freeze(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    } else {
      const record = v as Record<string, unknown>;
      for (const key in record) {
        const item = record[key];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return value;
}
