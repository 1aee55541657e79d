/**
 * The policy engine's SQLite file (`<dataDir>/policy-state.db`, WAL): rate-limit counters and their
 * reservations, tool pins, inline server names, and policy version history. One file so a backup or reset is one step.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The database handle type used across the policy stores. */
export type PolicyDatabase = Database.Database;

/** File name of the policy state database inside the data folder. */
export const POLICY_DB_FILE = 'policy-state.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS counters (
  key TEXT PRIMARY KEY,
  counter TEXT NOT NULL,
  window_end INTEGER NOT NULL,
  count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reservations (
  id TEXT PRIMARY KEY,
  keys TEXT NOT NULL,
  window_end INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pins (
  server TEXT NOT NULL,
  tool TEXT NOT NULL,
  definition TEXT NOT NULL,
  status TEXT NOT NULL,
  pending TEXT,
  first_seen INTEGER NOT NULL,
  changed_at INTEGER,
  PRIMARY KEY (server, tool)
);
-- Servers whose complete tool listing has been pinned (until then every tool is on first sight).
CREATE TABLE IF NOT EXISTS pin_listings (
  server TEXT PRIMARY KEY,
  listed_at INTEGER NOT NULL
);
-- Which command line owns a name given with \`airlock mcp --name\`; a different one waits for the operator.
CREATE TABLE IF NOT EXISTS server_names (
  name TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  command TEXT NOT NULL,
  bound_at INTEGER NOT NULL,
  pending_fingerprint TEXT,
  pending_command TEXT,
  pending_at INTEGER
);
CREATE TABLE IF NOT EXISTS policy_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  note TEXT NOT NULL,
  source TEXT NOT NULL,
  hash TEXT NOT NULL,
  text TEXT NOT NULL
);
`;

/** Opens (creating if needed) the policy database in `dataDir`, or an in-memory one for `:memory:`. */
export function openPolicyDatabase(dataDir: string): PolicyDatabase {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    file = join(dataDir, POLICY_DB_FILE);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  return db;
}
