/**
 * Schema migrations, versioned in code through `PRAGMA user_version`. Each migration runs once, in order,
 * inside one transaction. Chained tables are STRICT so a value is stored exactly as it was hashed.
 */
import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './hash-chain';

const V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value ANY) STRICT;
CREATE TABLE chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL) STRICT;
INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');
CREATE TABLE chain_checkpoints (
  id INTEGER PRIMARY KEY, cut_seq INTEGER NOT NULL, cut_hash TEXT NOT NULL, at INTEGER NOT NULL,
  removed_records INTEGER NOT NULL, removed_sessions INTEGER NOT NULL) STRICT;

CREATE TABLE sessions (
  seq INTEGER PRIMARY KEY, session_id TEXT NOT NULL, at INTEGER NOT NULL, target_kind TEXT NOT NULL,
  target_name TEXT NOT NULL, server_name TEXT NOT NULL, upstream_transport TEXT NOT NULL, upstream TEXT NOT NULL,
  upstream_json TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE INDEX sessions_by_id ON sessions (session_id);
CREATE INDEX sessions_by_at ON sessions (at);

CREATE TABLE session_inits (
  seq INTEGER PRIMARY KEY, session_id TEXT NOT NULL, at INTEGER NOT NULL, client_name TEXT NOT NULL,
  client_version TEXT NOT NULL, client_title TEXT, server_name TEXT NOT NULL, server_version TEXT NOT NULL,
  server_title TEXT, protocol_version TEXT NOT NULL, client_capabilities TEXT NOT NULL,
  server_capabilities TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE INDEX session_inits_by_session ON session_inits (session_id, seq);

CREATE TABLE session_ends (
  seq INTEGER PRIMARY KEY, session_id TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT,
  hash TEXT NOT NULL) STRICT;
CREATE INDEX session_ends_by_session ON session_ends (session_id, seq);

CREATE TABLE calls (
  seq INTEGER PRIMARY KEY, session_id TEXT NOT NULL, call_id TEXT NOT NULL, at INTEGER NOT NULL,
  tool TEXT NOT NULL, arguments TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE INDEX calls_by_session ON calls (session_id, seq);

-- Every later step of a call (decision, approval, forward, result) is one row here; \`data\` holds the
-- step as canonical JSON, \`label\` its action or kind and \`host\` the normalised ssh.host, for filters.
CREATE TABLE call_steps (
  seq INTEGER PRIMARY KEY, call_seq INTEGER NOT NULL, session_id TEXT NOT NULL, at INTEGER NOT NULL,
  kind TEXT NOT NULL, label TEXT NOT NULL, host TEXT, data TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE INDEX call_steps_by_call ON call_steps (call_seq, kind, seq);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY, session_id TEXT, at INTEGER NOT NULL, kind TEXT NOT NULL, level TEXT NOT NULL,
  source TEXT NOT NULL, message TEXT NOT NULL, data TEXT, hash TEXT NOT NULL) STRICT;
CREATE INDEX events_by_session ON events (session_id, seq);

-- Derived, unchained indexes (rebuildable from the chained rows; verify cross-checks the facets).
-- call_search also finds a call by its Airlock id, so the write-ahead commit needs no index for that.
CREATE TABLE session_facets (
  facet TEXT NOT NULL, value TEXT NOT NULL, session_seq INTEGER NOT NULL,
  PRIMARY KEY (facet, value, session_seq)) STRICT, WITHOUT ROWID;
CREATE VIRTUAL TABLE call_search USING fts5 (
  tool, arguments, output, call_id, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
`;

/** Migrations in order; index + 1 is the schema version it produces. Never edit a shipped entry. */
export const MIGRATIONS: readonly string[] = [V1];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings `db` to the current schema; refuses a database written by a newer Airlock. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `history database is schema version ${current}, newer than this Airlock understands (${SCHEMA_VERSION}); upgrade Airlock`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version += 1) {
    const sql = MIGRATIONS[version];
    if (sql === undefined) throw new Error(`missing migration ${version + 1}`);
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

/** The connection settings every history connection uses. */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Survives a process crash (the WAL is in the OS cache); only power loss can drop the last commits.
  db.pragma('synchronous = NORMAL');
  // Fewer, larger checkpoints: each one syncs, which would otherwise stall the write-ahead path often.
  db.pragma('wal_autocheckpoint = 4000');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = OFF');
}
