/**
 * Names given to inline upstreams with `airlock mcp --name NAME`, bound to the first command line that
 * used them. A different command line claiming a bound name is not merged with it: it runs under
 * `NAME#fingerprint` (its own pins, counters and grants) and its calls wait for the operator until
 * `accept` moves the name to it. Persisted in the policy database.
 */
import type { PolicyDatabase } from './policy-db';

/** What a claim found. */
export type NameClaim =
  | { readonly kind: 'bound' }
  | {
      readonly kind: 'conflict';
      /** The command line the name is bound to. */
      readonly boundCommand: string;
    };

/** A session whose `--name` belongs to another command line (electron/core/server-identity.ts). */
export interface NameConflict {
  readonly name: string;
  /** This session's command-line fingerprint. */
  readonly fingerprint: string;
  readonly boundCommand: string;
}

/** One name and the command line that owns it. */
export interface NameBinding {
  readonly name: string;
  readonly fingerprint: string;
  readonly command: string;
  readonly boundAt: number;
  /** The latest different command line that claimed the name, until accepted. */
  readonly pending: { readonly fingerprint: string; readonly command: string; readonly at: number } | null;
}

/** The registry. */
export interface NameRegistry {
  /** Binds `name` to this command line if it is free; reports a conflict (and remembers it) otherwise. */
  claim(name: string, fingerprint: string, command: string, now: number): NameClaim;
  /** The fingerprint that owns `name`, if any. */
  owner(name: string): string | undefined;
  /** Moves `name` to its pending command line; false when none is pending. */
  accept(name: string, now: number): boolean;
  list(): NameBinding[];
}

interface Row {
  name: string;
  fingerprint: string;
  command: string;
  bound_at: number;
  pending_fingerprint: string | null;
  pending_command: string | null;
  pending_at: number | null;
}

/** Opens the registry over the policy database. */
export function createNameRegistry(db: PolicyDatabase): NameRegistry {
  const get = db.prepare<[string], Row>('SELECT * FROM server_names WHERE name = ?');
  const all = db.prepare<[], Row>('SELECT * FROM server_names ORDER BY name');
  const bind = db.prepare(
    'INSERT INTO server_names (name, fingerprint, command, bound_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET fingerprint = excluded.fingerprint, command = excluded.command, bound_at = excluded.bound_at, pending_fingerprint = NULL, pending_command = NULL, pending_at = NULL',
  );
  const remember = db.prepare(
    'UPDATE server_names SET pending_fingerprint = ?, pending_command = ?, pending_at = ? WHERE name = ?',
  );
  const toBinding = (r: Row): NameBinding => ({
    name: r.name,
    fingerprint: r.fingerprint,
    command: r.command,
    boundAt: r.bound_at,
    pending:
      r.pending_fingerprint !== null && r.pending_command !== null
        ? { fingerprint: r.pending_fingerprint, command: r.pending_command, at: r.pending_at ?? 0 }
        : null,
  });
  return {
    claim(name, fingerprint, command, now) {
      const row = get.get(name);
      if (!row) {
        bind.run(name, fingerprint, command, now);
        return { kind: 'bound' };
      }
      if (row.fingerprint === fingerprint) return { kind: 'bound' };
      remember.run(fingerprint, command, now, name);
      return { kind: 'conflict', boundCommand: row.command };
    },
    owner: (name) => get.get(name)?.fingerprint,
    accept(name, now) {
      const row = get.get(name);
      if (!row?.pending_fingerprint || row.pending_command === null) return false;
      bind.run(name, row.pending_fingerprint, row.pending_command, now);
      return true;
    },
    list: () => all.all().map(toBinding),
  };
}
