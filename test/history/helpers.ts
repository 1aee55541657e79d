/** Temp folders and small utilities for the history tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CoreEvent } from '../../shared/events';
import { openHistoryStore, type HistoryStore, type HistoryStoreOptions } from '../../electron/history/store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-history-test-'));
  dirs.push(dir);
  return dir;
}

/** A store on a fresh database. */
export function freshStore(options: Partial<HistoryStoreOptions> = {}): {
  store: HistoryStore;
  path: string;
  dir: string;
} {
  const dir = tempDir();
  const path = join(dir, 'history.db');
  return { store: openHistoryStore({ path, ...options }), path, dir };
}

/** Records every event in order. */
export function recordAll(store: HistoryStore, events: readonly CoreEvent[]): void {
  for (const event of events) store.record(event);
}

/** A minimal RFC 4180 parser, for checking what the export wrote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}
