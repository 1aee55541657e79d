/** Opening the history database file: folder, permissions, connection settings and migrations. */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configureConnection, migrate } from './schema';

/** The history database inside Airlock's data folder. */
export function historyPath(dataDir: string): string {
  return join(dataDir, 'history.db');
}

/** Opens (creating if needed) a writable, migrated history database readable only by its owner. */
export function openWritableDatabase(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  try {
    if (process.platform !== 'win32') chmodSync(path, 0o600);
    configureConnection(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens an existing history database for reading; a clear error when it is missing. */
export function openReadonlyDatabase(path: string): Database.Database {
  if (!existsSync(path)) throw new Error(`no history database at ${path}`);
  // Read-only connections cannot switch to WAL or migrate; a writer has already done both.
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) throw new Error(`${path} is not an Airlock history database (no schema)`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
