/**
 * The chained tables and their columns. Every row of these tables is one immutable record in the hash
 * chain, ordered by `seq` (one sequence across all tables). The column lists drive both the writer's
 * INSERTs and the verifier's SELECTs, so what is hashed is exactly what is stored.
 */

/** Column lists of every chained table (the `hash` column is implied). */
export const CHAINED_COLUMNS = {
  sessions: [
    'seq',
    'session_id',
    'at',
    'target_kind',
    'target_name',
    'server_name',
    'upstream_transport',
    'upstream',
    'upstream_json',
  ],
  session_inits: [
    'seq',
    'session_id',
    'at',
    'client_name',
    'client_version',
    'client_title',
    'server_name',
    'server_version',
    'server_title',
    'protocol_version',
    'client_capabilities',
    'server_capabilities',
  ],
  session_ends: ['seq', 'session_id', 'at', 'kind', 'detail'],
  calls: ['seq', 'session_id', 'call_id', 'at', 'tool', 'arguments'],
  call_steps: ['seq', 'call_seq', 'session_id', 'at', 'kind', 'label', 'host', 'data'],
  events: ['seq', 'session_id', 'at', 'kind', 'level', 'source', 'message', 'data'],
} as const;

/** Name of a chained table. */
export type ChainedTable = keyof typeof CHAINED_COLUMNS;

/** Every chained table, in a fixed order. */
export const CHAINED_TABLES = Object.keys(CHAINED_COLUMNS) as ChainedTable[];

/** A stored cell: STRICT tables hold only these. */
export type Cell = string | number | null;

/** One record as stored (without its hash); keys are the table's columns. */
export type ChainedRow = Readonly<Record<string, Cell>>;

/** A row of table `T` with every column present. */
export type RowOf<T extends ChainedTable> = { readonly [K in (typeof CHAINED_COLUMNS)[T][number]]: Cell };
