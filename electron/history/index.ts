/** The history store's public surface: writer, reader, queries, export, retention, verification, CLI. */
export { openHistoryStore, type HistoryStore, type HistoryStoreOptions } from './store';
export { openHistoryReader, type HistoryReader } from './reader';
export { historyPath } from './open-database';
export type { HistoryQueries } from './queries';
export { exportHistory, type ExportFormat, type ExportLine, type ExportScope } from './export';
export { verifyHistory, type VerifyReport, type ChainBreak } from './verify';
export { runHistoryCommand, HISTORY_USAGE, type CliIo } from './cli';
export type { PruneReport } from './prune';
export type { RecoveryReport } from './recovery';
export * from './types';
