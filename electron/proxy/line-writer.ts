/**
 * Coalesces the lines written to one stream during a pass of the event loop into a single write. Every
 * stream write is a system call, and under load those calls were the largest single cost of relaying a
 * message (profiled: a fifth of the core's CPU, two fifths of the bridge's). Order is kept; lines reach
 * the stream before the next turn of the event loop. Imports nothing (the bridge loads it).
 */

/** A batching writer of newline-terminated lines. */
export interface LineWriter {
  /** Queues one line (without its newline). */
  write(line: string): void;
  /** Writes everything queued now: before the stream is ended, destroyed, or the process exits. */
  flush(): void;
}

/** Past this much queued text the batch is written at once, so one pass cannot hold unbounded memory. */
const MAX_BATCH_CHARS = 1 << 20;

/** Creates a writer that hands `sink` the queued lines as one string, once per event-loop pass. */
export function createLineWriter(sink: (text: string) => void): LineWriter {
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    sink(text);
  };
  return {
    write(line) {
      pending += `${line}\n`;
      if (pending.length >= MAX_BATCH_CHARS) return flush();
      if (scheduled) return;
      scheduled = true;
      // A tick, not a timer: it runs after every callback and promise of this pass, adding no latency.
      process.nextTick(flush);
    },
    flush,
  };
}
