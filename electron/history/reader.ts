/** Read-only access to a history database, for the CLI and other processes than the core. */
import { openReadonlyDatabase } from './open-database';
import { createHistoryQueries, type HistoryQueries } from './queries';
import { SCHEMA_VERSION } from './schema';

/** Query API over a read-only connection. */
export interface HistoryReader extends HistoryQueries {
  close(): void;
}

/** Opens the history database at `path` read-only; it must exist and have a schema this code knows. */
export function openHistoryReader(path: string): HistoryReader {
  const db = openReadonlyDatabase(path);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `history database is schema version ${version}, newer than this Airlock understands (${SCHEMA_VERSION})`,
    );
  }
  return { ...createHistoryQueries(db), close: () => db.close() };
}
