/** A deterministic clock and timer queue for broker tests: time moves only when a test advances it. */

/** A fake clock with injectable timer functions. */
export interface FakeTime {
  readonly clock: () => number;
  readonly setTimer: (callback: () => void, ms: number) => number;
  readonly clearTimer: (handle: object | number) => void;
  /** Moves time forward, firing due timers in time order. */
  advance(ms: number): void;
  /** Timers still scheduled. */
  pending(): number;
}

/** Creates a fake clock starting at `start`. */
export function createFakeTime(start = 1_700_000_000_000): FakeTime {
  let now = start;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    clock: () => now,
    setTimer(callback, ms) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, callback });
      return handle;
    },
    clearTimer(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    pending: () => timers.size,
  };
}
