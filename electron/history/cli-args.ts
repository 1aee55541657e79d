/** Parsing of `airlock history …` options into filters, with a clear message for every bad value. */
import type { CallFilter } from './types';

/** A usage error: the CLI prints it with the usage text and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Option values as `util.parseArgs` returns them. */
export type OptionValues = Record<string, string | boolean | undefined>;

const DECISIONS = ['allow', 'deny', 'require_approval'] as const;

/** Parses a time given as ISO 8601 or milliseconds since the epoch. */
export function parseTime(name: string, text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value))
    throw new UsageError(`--${name} must be an ISO date/time or milliseconds since 1970, got "${text}"`);
  return value;
}

/** Parses a positive number option. */
export function parsePositive(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${text}"`);
  }
  return value;
}

function text(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

/** The filter options shared by export, search and sessions. */
export const FILTER_OPTIONS = {
  client: { type: 'string' },
  server: { type: 'string' },
  host: { type: 'string' },
  decision: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

/** Builds a filter from parsed options. */
export function filterFrom(values: OptionValues): CallFilter {
  const decision = text(values, 'decision');
  if (decision !== undefined && !(DECISIONS as readonly string[]).includes(decision)) {
    throw new UsageError(`--decision must be one of ${DECISIONS.join(', ')}, got "${decision}"`);
  }
  const from = text(values, 'from');
  const to = text(values, 'to');
  const filter: CallFilter = {
    client: text(values, 'client'),
    server: text(values, 'server'),
    host: text(values, 'host'),
    decision: decision as CallFilter['decision'],
    from: from === undefined ? undefined : parseTime('from', from),
    to: to === undefined ? undefined : parseTime('to', to),
  };
  // Drop absent keys so filters compare and serialise cleanly.
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** A string option. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  return text(values, name);
}
