/**
 * Pure CSV formatting (RFC 4180) with a guard against formula injection: a text cell an agent or a remote
 * host chose that starts with = + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet
 * shows it as text instead of evaluating it.
 */
import { callVerdict, deciderCode, upstreamMs } from './call-verdict';
import type { CallDetail } from './types';

/** One CSV cell, quoted when needed and defused when it could be read as a formula. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(cells: readonly (string | number | boolean | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Column names of the call export. */
export const CALL_CSV_HEADER = [
  'seq',
  'at',
  'session_id',
  'call_id',
  'tool',
  'status',
  'host',
  'user',
  'command',
  'risk',
  'arguments',
  'decision',
  'rule',
  'reason',
  'verdict',
  'decider',
  'approval',
  'approved_by',
  'waited_ms',
  'forwarded_arguments',
  'edited',
  'outcome',
  'is_error',
  'duration_ms',
  'ran_ms',
  'bytes',
  'truncated',
  'output',
] as const;

function approver(call: CallDetail): string | null {
  const outcome = call.approval?.outcome;
  return outcome !== undefined && 'by' in outcome ? outcome.by : null;
}

/**
 * The cells of one call, in `CALL_CSV_HEADER` order: `verdict` is what became of it (allowed, denied,
 * approved, rejected, expired …), `decider` who or what decided (`rule:ID`, `default`, `operator:NAME`,
 * `expiry` …), `ran_ms` the time upstream (`duration_ms` includes waiting for a human).
 */
export function callCsvCells(call: CallDetail): (string | number | boolean | null)[] {
  const d = call.decision;
  const o = call.outcome;
  const { verdict, decider } = callVerdict(call);
  return [
    call.seq,
    new Date(call.at).toISOString(),
    call.sessionId,
    call.callId,
    call.tool,
    call.status,
    d?.host ?? null,
    d?.user ?? null,
    d?.command ?? null,
    d?.risk ?? null,
    JSON.stringify(call.arguments),
    d?.action ?? null,
    d?.rule ?? null,
    d?.reason ?? null,
    verdict,
    deciderCode(decider),
    call.approval?.outcome.kind ?? null,
    approver(call),
    call.approval?.waitedMs ?? null,
    call.forwarded === null ? null : JSON.stringify(call.forwarded.arguments),
    call.forwarded?.edited ?? null,
    o?.kind ?? null,
    o?.isError ?? null,
    o?.durationMs ?? null,
    upstreamMs(call),
    o?.bytes ?? null,
    o?.truncated ?? null,
    o?.text ?? o?.message ?? null,
  ];
}
