/** Largest edit distance at which an unknown key is treated as a typo of a known one. */
export const KEY_HINT_MAX_DISTANCE = 2;

/** Levenshtein distance between two strings (small inputs: policy keys). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known key closest to an unknown one, or undefined when none is within the hint distance. */
export function nearestKey(unknown: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(unknown, key);
    if (distance <= KEY_HINT_MAX_DISTANCE && (best === undefined || distance < best.distance)) {
      best = { key, distance };
    }
  }
  return best?.key;
}

/** A "did you mean" sentence for an unknown key, or undefined when no known key is close. */
export function keyHint(unknown: string, known: readonly string[]): string | undefined {
  const key = nearestKey(unknown, known);
  return key === undefined ? undefined : `did you mean "${key}"?`;
}
