/**
 * Splits a byte stream into lines without losing partial lines across chunks, and caps line length so a
 * peer cannot grow memory without bound. An overlong line is never held whole: only its first and last
 * few kilobytes are kept, so its JSON-RPC id (first or last key, as clients write it) can still be read
 * and the sender answered.
 */

/** Default cap on one line: large tool results (file contents) fit, a runaway stream does not. */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;

/** How much of each end of an overlong line is kept. */
export const OVERLONG_KEPT_BYTES = 4096;

/** An overlong line, reported once it has ended. */
export interface Overlong {
  /** Its whole length in bytes (without the newline). */
  readonly bytes: number;
  /** Its first bytes, decoded (a multi-byte character may be cut at the edge). */
  readonly head: string;
  /** Its last bytes, decoded. */
  readonly tail: string;
  /** The cap it went over. */
  readonly maxLineBytes: number;
}

/** Receives complete lines (without the newline, CR stripped) and overlong-line reports. */
export interface LineSink {
  line(text: string): void;
  overflow(overlong: Overlong): void;
}

/** The first or last `OVERLONG_KEPT_BYTES` of a run of buffers, copied (never the whole run). */
function edge(parts: readonly Buffer[], which: 'first' | 'last'): Buffer {
  const picked: Buffer[] = [];
  let size = 0;
  const order = which === 'first' ? parts : [...parts].reverse();
  for (const part of order) {
    if (size >= OVERLONG_KEPT_BYTES) break;
    picked.push(part);
    size += part.length;
  }
  const joined = Buffer.concat(which === 'first' ? picked : picked.reverse());
  return Buffer.from(
    which === 'first'
      ? joined.subarray(0, OVERLONG_KEPT_BYTES)
      : joined.subarray(Math.max(0, joined.length - OVERLONG_KEPT_BYTES)),
  );
}

/** Creates a push-style splitter: feed chunks, get lines. */
export function createLineSplitter(
  sink: LineSink,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** While discarding: the kept head and the rolling tail of the overlong line. */
  let head: Buffer | null = null;
  let tail: Buffer = Buffer.alloc(0);
  const keepTail = (piece: Buffer): void => {
    tail =
      piece.length >= OVERLONG_KEPT_BYTES
        ? Buffer.from(piece.subarray(piece.length - OVERLONG_KEPT_BYTES))
        : Buffer.concat([tail, piece]).subarray(-OVERLONG_KEPT_BYTES);
  };
  return (chunk: Buffer) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      if (head === null && pendingBytes + piece.length > maxLineBytes) {
        const parts = [...pending, piece];
        head = edge(parts, 'first');
        tail = edge(parts, 'last');
        pending = [];
      } else if (head !== null) {
        if (head.length < OVERLONG_KEPT_BYTES) {
          head = Buffer.concat([head, piece.subarray(0, OVERLONG_KEPT_BYTES - head.length)]);
        }
        keepTail(piece);
      } else if (piece.length > 0 && nl === -1) {
        pending.push(Buffer.from(piece));
      }
      pendingBytes += piece.length;
      if (nl === -1) return;
      start = nl + 1;
      if (head !== null) {
        let text = tail.toString('utf8');
        if (text.endsWith('\r')) text = text.slice(0, -1);
        sink.overflow({ bytes: pendingBytes, head: head.toString('utf8'), tail: text, maxLineBytes });
        head = null;
        tail = Buffer.alloc(0);
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
