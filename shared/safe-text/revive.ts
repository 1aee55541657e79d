/**
 * Re-checks a `SafeText` that arrived over a transport (IPC, WebSocket) before display code may use it:
 * the brand is type-only, so a received value is proved safe again rather than trusted.
 */
import { classifyCodePoint } from './classify';
import { isPrintableAscii } from './escape-text';
import { SAFE_TEXT_FLAGS } from './sanitize';
import type { SafeText, SafeTextFlag } from './types';

const FLAGS: ReadonlySet<string> = new Set(SAFE_TEXT_FLAGS);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function printable(text: string): boolean {
  for (const char of text) if (!isPrintableAscii(char.codePointAt(0) ?? 0)) return false;
  return true;
}

/** Text segments may hold no character the sanitiser would have escaped on its own (LF is allowed). */
function cleanText(text: string): boolean {
  for (const char of text) {
    if (classifyCodePoint(char.codePointAt(0) ?? 0, char, true) !== null) return false;
  }
  return true;
}

function validSegment(segment: unknown): boolean {
  if (!isRecord(segment)) return false;
  if (segment.kind === 'text') return typeof segment.text === 'string' && cleanText(segment.text);
  if (segment.kind !== 'escape') return false;
  return (
    typeof segment.text === 'string' &&
    printable(segment.text) &&
    typeof segment.label === 'string' &&
    printable(segment.label) &&
    typeof segment.category === 'string' &&
    FLAGS.has(segment.category) &&
    isCount(segment.codePoint) &&
    isCount(segment.sourceLength)
  );
}

/**
 * Returns `value` as `SafeText` when it has the shape and invariants `sanitize` guarantees (context-free
 * ones: homoglyph analysis needs the original text), else null.
 */
export function reviveSafeText(value: unknown): SafeText | null {
  if (!isRecord(value)) return null;
  const { segments, flags, length, hidden } = value;
  if (!Array.isArray(segments) || !Array.isArray(flags) || !isCount(length) || !isCount(hidden)) return null;
  if (!flags.every((flag): flag is SafeTextFlag => typeof flag === 'string' && FLAGS.has(flag))) return null;
  if (!segments.every(validSegment)) return null;
  return value as unknown as SafeText;
}
