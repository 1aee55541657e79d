/**
 * The tamper-evidence chain: every history record carries SHA-256(previous hash ‖ canonical JSON of the
 * record). Pure functions, shared by the writer (which appends) and the verifier (which recomputes).
 */
import { hash } from 'node:crypto';
import { CHAINED_COLUMNS, CHAINED_TABLES, type ChainedRow, type ChainedTable } from './tables';

/** The "previous hash" of the very first record. */
export const GENESIS_HASH = '0'.repeat(64);

// A record is a flat object of its columns plus `table`, so its canonical JSON (keys sorted by UTF-16
// code units, values as JSON.stringify writes them) can be assembled from precomputed key prefixes.
const LAYOUTS = new Map(
  CHAINED_TABLES.map((table) => {
    const keys = [...CHAINED_COLUMNS[table], 'table'].sort();
    return [
      table,
      keys.map((key, i) => [key, `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`] as const),
    ] as const;
  }),
);

/** The canonical JSON text of one record: its table name plus every chained column (hash excluded). */
export function recordText(table: ChainedTable, row: ChainedRow): string {
  const layout = LAYOUTS.get(table);
  if (layout === undefined) throw new Error(`unknown history table ${table}`);
  let text = '';
  for (const [key, prefix] of layout) {
    const value = key === 'table' ? table : row[key];
    if (value === undefined) throw new Error(`record of ${table} lacks column ${key}`);
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error(`record of ${table} has a non-finite ${key}`);
    text += prefix + JSON.stringify(value);
  }
  return `${text}}`;
}

/** The hash a record must carry, given the hash of the record before it. */
export function chainHash(previousHash: string, table: ChainedTable, row: ChainedRow): string {
  // The previous hash is fixed-length hex, so plain concatenation is unambiguous.
  return hash('sha256', previousHash + recordText(table, row), 'hex');
}
