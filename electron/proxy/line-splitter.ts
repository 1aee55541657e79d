/**
 * Splits a byte stream into lines without losing partial lines across chunks, and caps line length so a
 * peer cannot grow memory without bound.
 */

/** Default cap on one line: large tool results (file contents) fit, a runaway stream does not. */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;

/** Receives complete lines (without the newline, CR stripped) and overflow reports. */
export interface LineSink {
  line(text: string): void;
  overflow(bytes: number): void;
}

/** Creates a push-style splitter: feed chunks, get lines. */
export function createLineSplitter(
  sink: LineSink,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let discarding = false;
  return (chunk: Buffer) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) {
        const rest = chunk.subarray(start);
        if (rest.length === 0) return;
        pendingBytes += rest.length;
        if (pendingBytes > maxLineBytes) {
          if (!discarding) sink.overflow(pendingBytes);
          discarding = true;
          pending = [];
        } else if (!discarding) {
          pending.push(rest);
        }
        return;
      }
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (discarding) {
        discarding = false;
        pending = [];
        pendingBytes = 0;
        continue;
      }
      const full = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      let text = full.toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim().length > 0) sink.line(text);
    }
  };
}
