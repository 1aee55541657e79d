/**
 * Pure in-session search of a timeline: which calls match the search text, and where in a text the
 * matches are, so a row can highlight them by splitting the text into spans (never by building HTML).
 * Every word must occur, case-insensitively, in one of the call's fields (tool, command, arguments, host,
 * user, reasons, prompt messages) — the same "all words" rule as the store's full-text search, but on
 * substrings, so a partial word typed in the box already narrows the timeline.
 */
import type { TimelineRow } from '../../../shared/contract/views';

/** The search words: split on white space, FTS prefix stars dropped, empty words ignored. */
export function searchTerms(text: string): string[] {
  return text
    .split(/\s+/)
    .map((word) => word.replace(/\*+$/, ''))
    .filter((word) => word !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regular expression finding any of the words, longest first so a longer word wins a tie. */
function termPattern(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) return null;
  const sorted = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(sorted.join('|'), 'giu');
}

/** The texts of a row that the search looks at. */
export function searchableTexts(row: TimelineRow): string[] {
  const texts = [row.tool, row.command, row.argumentsText, row.host, row.user, row.reason, row.denyReason];
  for (const prompt of row.prompts) texts.push(prompt.message);
  return texts.filter((text): text is string => text !== null);
}

/** Whether every word occurs in at least one of the row's texts. */
export function rowMatches(row: TimelineRow, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const texts = searchableTexts(row);
  return terms.every((term) => {
    const pattern = new RegExp(escapeRegExp(term), 'iu');
    return texts.some((text) => pattern.test(text));
  });
}

/** A piece of a text, marked when it is a match. */
export interface TextPiece {
  readonly text: string;
  readonly hit: boolean;
}

/** Splits `text` into plain and matching pieces, in order; concatenated they give `text` back. */
export function splitMatches(text: string, terms: readonly string[]): TextPiece[] {
  const pattern = termPattern(terms);
  if (pattern === null || text === '') return text === '' ? [] : [{ text, hit: false }];
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    if (start > last) pieces.push({ text: text.slice(last, start), hit: false });
    pieces.push({ text: match[0], hit: true });
    last = start + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), hit: false });
  return pieces;
}

/** The outcome of filtering a timeline. */
export interface TimelineFilter {
  readonly rows: readonly TimelineRow[];
  /** How many calls matched, out of `total`. */
  readonly matched: number;
  readonly total: number;
}

/**
 * Keeps the rows that match the words, or that the store's full-text search found (`storeHits`, call ids:
 * a match in the output, which the timeline does not carry). No words keeps every row.
 */
export function filterTimeline(
  rows: readonly TimelineRow[],
  terms: readonly string[],
  storeHits: ReadonlySet<string> = new Set(),
): TimelineFilter {
  if (terms.length === 0) return { rows, matched: rows.length, total: rows.length };
  const kept = rows.filter((row) => storeHits.has(row.callId) || rowMatches(row, terms));
  return { rows: kept, matched: kept.length, total: rows.length };
}
