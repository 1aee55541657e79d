/**
 * Leading-and-trailing throttle for pushed state: a lone change goes out at once (a held call must show
 * up immediately), a burst collapses into at most one push per interval (1,000 arrivals must not mean
 * 1,000 full-queue snapshots).
 */

/** A throttled trigger. */
export interface Throttled {
  readonly trigger: () => void;
  readonly cancel: () => void;
}

/** Calls `run` on the first trigger, then at most once per `intervalMs` while triggers keep coming. */
export function throttle(run: () => void, intervalMs: number): Throttled {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  const tick = () => {
    if (dirty) {
      dirty = false;
      run();
      timer = setTimeout(tick, intervalMs);
    } else {
      timer = null;
    }
  };
  return {
    trigger() {
      if (timer !== null) {
        dirty = true;
        return;
      }
      run();
      timer = setTimeout(tick, intervalMs);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      dirty = false;
    },
  };
}
