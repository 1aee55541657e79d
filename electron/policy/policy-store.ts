/**
 * The active policy and its history. The policy lives in `<dataDir>/policy.json`; every save is kept as
 * a version (time, author, note, text) in the policy database, so versions can be listed, diffed and
 * rolled back (a rollback is a new save of an old text).
 *
 * Only what the console saved or the operator confirmed is active. A `policy.json` edited behind the
 * console's back is reported as a pending disk change (with its parse result) and adopted only by
 * {@link PolicyStore.confirmDiskChange}. An invalid text never replaces the last valid policy; with no
 * valid policy at all every call is denied (fail closed).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../../shared/json';
import { failClosedPolicy, type CompiledPolicy } from '../../shared/policy/compile';
import { DEFAULT_POLICY } from '../../shared/policy/default-policy';
import { jsonDiff, type JsonChange } from '../../shared/policy/json-diff';
import {
  formatIssue,
  parsePolicyText,
  type PolicyIssue,
  type PolicyParseResult,
} from '../../shared/policy/parse';
import type { PolicyDocument, PolicyDocumentInput } from '../../shared/policy/schema';
import type { PolicyDatabase } from './policy-db';

/** File name of the active policy inside the data folder. */
export const POLICY_FILE = 'policy.json';

/** Where a version came from. */
export type VersionSource = 'default' | 'console' | 'disk' | 'rollback';

/** One saved version (without its text). */
export interface PolicyVersion {
  readonly id: number;
  readonly at: number;
  readonly author: string;
  readonly note: string;
  readonly source: VersionSource;
  readonly hash: string;
}

/** `policy.json` differs from the active version. */
export interface DiskChange {
  readonly hash: string;
  /** Null when the file is missing. */
  readonly text: string | null;
  readonly result: PolicyParseResult;
  readonly detectedAt: number;
}

/** What the UI shows about the policy. */
export interface PolicyStoreStatus {
  readonly active: PolicyVersion | null;
  /** True when no valid policy is active and every call is denied. */
  readonly failClosed: boolean;
  readonly error?: string;
  readonly pending: DiskChange | null;
}

/** Outcome of a save, rollback or confirmation. */
export type SaveResult =
  | { readonly ok: true; readonly version: PolicyVersion }
  | { readonly ok: false; readonly errors: readonly PolicyIssue[] };

/** Who saves and why. */
export interface SaveMeta {
  readonly author: string;
  readonly note: string;
}

/** The policy store. */
export interface PolicyStore {
  /** The compiled active policy (or the fail-closed stand-in); cheap, called on every decision. */
  active(): CompiledPolicy;
  activeDocument(): PolicyDocument | null;
  status(): PolicyStoreStatus;
  save(text: string, meta: SaveMeta, source?: VersionSource): SaveResult;
  list(): PolicyVersion[];
  get(id: number): { version: PolicyVersion; text: string } | undefined;
  /** Structural diff between two versions' documents. */
  diff(fromId: number, toId: number): JsonChange[];
  rollback(id: number, meta: SaveMeta): SaveResult;
  /** Re-reads `policy.json` and reports whether it differs from the active version. */
  checkDisk(): DiskChange | null;
  /** Adopts the pending disk change; `expectedHash` guards against a file changed again since shown. */
  confirmDiskChange(meta: SaveMeta, expectedHash?: string): SaveResult;
  /** Watches the file; the listener gets the status after each detected change or save. */
  watch(listener: (status: PolicyStoreStatus) => void): () => void;
  close(): void;
}

/** Options for {@link openPolicyStore}. */
export interface PolicyStoreOptions {
  readonly dataDir: string;
  readonly db: PolicyDatabase;
  readonly now?: () => number;
  /** The policy written on first start (defaults to {@link DEFAULT_POLICY}). */
  readonly initialPolicy?: PolicyDocumentInput;
}

interface VersionRow extends PolicyVersion {
  readonly text: string;
}

/** Opens the store, writing the initial policy on first start. */
export function openPolicyStore(options: PolicyStoreOptions): PolicyStore {
  const { dataDir, db } = options;
  const now = options.now ?? Date.now;
  const file = join(dataDir, POLICY_FILE);
  const insert = db.prepare(
    'INSERT INTO policy_versions (at, author, note, source, hash, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const latest = db.prepare<[], VersionRow>('SELECT * FROM policy_versions ORDER BY id DESC LIMIT 1');
  const byId = db.prepare<[number], VersionRow>('SELECT * FROM policy_versions WHERE id = ?');
  const listAll = db.prepare<[], PolicyVersion>(
    'SELECT id, at, author, note, source, hash FROM policy_versions ORDER BY id DESC',
  );
  const listeners = new Set<(status: PolicyStoreStatus) => void>();

  let activeVersion: PolicyVersion | null = null;
  let activeDoc: PolicyDocument | null = null;
  let compiled: CompiledPolicy = failClosedPolicy(
    'No policy has been confirmed yet: confirm policy.json in Airlock',
  );
  let error: string | undefined;
  let pending: DiskChange | null = null;
  let watcher: FSWatcher | undefined;

  const status = (): PolicyStoreStatus => ({
    active: activeVersion,
    failClosed: compiled.failClosed !== undefined,
    ...(error !== undefined && { error }),
    pending,
  });
  const notify = (): void => {
    const s = status();
    for (const l of listeners) l(s);
  };

  const activate = (row: VersionRow): void => {
    const parsed = parsePolicyText(row.text);
    activeVersion = strip(row);
    if (parsed.ok) {
      activeDoc = parsed.document;
      compiled = parsed.compiled;
      error = undefined;
    } else {
      activeDoc = null;
      compiled = failClosedPolicy(`The saved policy version ${row.id} is invalid; every call is denied`);
      error = parsed.errors.map(formatIssue).join('; ');
    }
  };

  const record = (text: string, meta: SaveMeta, source: VersionSource): PolicyVersion => {
    const info = insert.run(now(), meta.author, meta.note, source, sha256(text), text);
    const row = byId.get(Number(info.lastInsertRowid));
    if (!row) throw new Error('Policy version was not stored');
    activate(row);
    return strip(row);
  };

  const writeFile = (text: string): void => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  };

  const save = (text: string, meta: SaveMeta, source: VersionSource = 'console'): SaveResult => {
    const parsed = parsePolicyText(text);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    writeFile(text);
    const version = record(text, meta, source);
    pending = null;
    notify();
    return { ok: true, version };
  };

  const checkDisk = (): DiskChange | null => {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const hash = text === null ? 'missing' : sha256(text);
    if (activeVersion && hash === activeVersion.hash) {
      pending = null;
      return null;
    }
    if (pending?.hash === hash) return pending;
    const result: PolicyParseResult =
      text === null
        ? { ok: false, errors: [{ path: [], message: `${POLICY_FILE} is missing` }] }
        : parsePolicyText(text);
    pending = { hash, text, result, detectedAt: now() };
    return pending;
  };

  // Startup: the newest version is the confirmed one; a fresh data folder gets the initial policy.
  const newest = latest.get();
  const defaultText = `${JSON.stringify(options.initialPolicy ?? DEFAULT_POLICY, null, 2)}\n`;
  if (newest) {
    activate(newest);
    // A default policy the operator never changed follows Airlock's own default when that improves;
    // any saved edit (or an edit waiting on disk) keeps the operator's policy as it is.
    const untouched =
      newest.source === 'default' &&
      newest.hash !== sha256(defaultText) &&
      existsSync(file) &&
      sha256(readFileSync(file, 'utf8')) === newest.hash;
    if (untouched && options.initialPolicy === undefined) {
      save(defaultText, { author: 'airlock', note: 'Default policy updated by Airlock' }, 'default');
    }
  } else if (!existsSync(file)) {
    save(defaultText, { author: 'airlock', note: 'Initial default policy' }, 'default');
  }
  checkDisk();

  return {
    active: () => compiled,
    activeDocument: () => activeDoc,
    status,
    save,
    list: () => listAll.all(),
    get(id) {
      const row = byId.get(id);
      return row ? { version: strip(row), text: row.text } : undefined;
    },
    diff(fromId, toId) {
      const from = byId.get(fromId);
      const to = byId.get(toId);
      if (!from || !to) throw new Error(`Unknown policy version ${from ? toId : fromId}`);
      return jsonDiff(JSON.parse(from.text) as Json, JSON.parse(to.text) as Json);
    },
    rollback(id, meta) {
      const row = byId.get(id);
      if (!row) return { ok: false, errors: [{ path: [], message: `Unknown policy version ${id}` }] };
      return save(row.text, meta, 'rollback');
    },
    checkDisk() {
      const change = checkDisk();
      notify();
      return change;
    },
    confirmDiskChange(meta, expectedHash) {
      const change = checkDisk();
      if (!change)
        return { ok: false, errors: [{ path: [], message: 'policy.json has no unconfirmed change' }] };
      if (expectedHash !== undefined && expectedHash !== change.hash) {
        return {
          ok: false,
          errors: [{ path: [], message: 'policy.json changed again since it was shown; review it again' }],
        };
      }
      if (!change.result.ok || change.text === null) {
        return {
          ok: false,
          errors: change.result.ok
            ? [{ path: [], message: `${POLICY_FILE} is missing` }]
            : change.result.errors,
        };
      }
      const version = record(change.text, meta, 'disk');
      pending = null;
      notify();
      return { ok: true, version };
    },
    watch(listener) {
      listeners.add(listener);
      watcher ??= watchFile(dataDir, () => {
        checkDisk();
        notify();
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          watcher?.close();
          watcher = undefined;
        }
      };
    },
    close() {
      watcher?.close();
      listeners.clear();
    },
  };
}

function watchFile(dir: string, onChange: () => void): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  return watch(dir, (_event, name) => {
    if (name !== POLICY_FILE) return;
    // Editors write in several steps; settle before reading.
    clearTimeout(timer);
    timer = setTimeout(onChange, 100);
  });
}

function strip(row: VersionRow): PolicyVersion {
  return { id: row.id, at: row.at, author: row.author, note: row.note, source: row.source, hash: row.hash };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
