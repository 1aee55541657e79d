/**
 * Tool pinning (trust on first use). The first `tools/list` of a server pins every tool's name, title,
 * description and input schema. Later, a changed definition or a newly added tool is flagged with a
 * structural diff, and calls to it need approval until the operator accepts the change. Pins persist
 * in the policy database; an in-memory index keeps the per-call check cheap.
 */
import type { Json, JsonObject } from '../../shared/json';
import { isJsonObject } from '../../shared/json';
import { jsonDiff, type JsonChange } from '../../shared/policy/json-diff';
import type { PolicyDatabase } from './policy-db';

/** A pending difference between a server's pinned tools and what it now lists. */
export interface PinChange {
  readonly server: string;
  readonly tool: string;
  readonly kind: 'added' | 'changed' | 'removed';
  /** Structural diff from the pinned definition to the new one (empty for added/removed). */
  readonly diff: readonly JsonChange[];
  readonly pinned?: JsonObject;
  readonly current?: JsonObject;
}

/** The pin state of one tool. */
export type PinState = 'unknown' | 'pinned' | 'changed' | 'added';

/** Pin access for the gate and the UI. */
export interface PinStore {
  /** Records a server's full tool list; returns every outstanding difference (empty on first sight). */
  recordList(server: string, tools: readonly JsonObject[], now: number): PinChange[];
  /** Records one tool seen outside a list (e.g. from a call's cached definition). */
  observe(server: string, tool: JsonObject, now: number): PinState;
  state(server: string, tool: string): PinState;
  /** Outstanding changes, optionally for one server. */
  pending(server?: string): PinChange[];
  /** Adopts the new definition of a changed or added tool; false when nothing was pending. */
  acceptPinChange(server: string, tool: string): boolean;
}

interface Row {
  server: string;
  tool: string;
  definition: string;
  status: 'pinned' | 'changed' | 'added';
  pending: string | null;
}

/** The pinned part of a tool definition, with object keys sorted so equal definitions compare equal. */
export function pinnedPart(tool: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of ['name', 'title', 'description', 'inputSchema'] as const) {
    if (tool[key] !== undefined) out[key] = canonical(tool[key]);
  }
  return out;
}

/** Creates the pin store over an open policy database. */
export function createPinStore(db: PolicyDatabase): PinStore {
  const all = db.prepare<[], Row>('SELECT server, tool, definition, status, pending FROM pins');
  const insert = db.prepare(
    'INSERT INTO pins (server, tool, definition, status, pending, first_seen, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const flag = db.prepare(
    'UPDATE pins SET status = ?, pending = ?, changed_at = ? WHERE server = ? AND tool = ?',
  );
  const accept = db.prepare(
    "UPDATE pins SET definition = pending, status = 'pinned', pending = NULL WHERE server = ? AND tool = ?",
  );
  const index = new Map<string, Map<string, Row>>();
  for (const row of all.all()) serverRows(row.server).set(row.tool, row);

  function serverRows(server: string): Map<string, Row> {
    let rows = index.get(server);
    if (!rows) index.set(server, (rows = new Map<string, Row>()));
    return rows;
  }

  function upsert(server: string, name: string, text: string, firstSight: boolean, now: number): void {
    const rows = serverRows(server);
    const row = rows.get(name);
    if (!row) {
      const status = firstSight ? 'pinned' : 'added';
      insert.run(
        server,
        name,
        firstSight ? text : '{}',
        status,
        firstSight ? null : text,
        now,
        firstSight ? null : now,
      );
      rows.set(name, {
        server,
        tool: name,
        definition: firstSight ? text : '{}',
        status,
        pending: firstSight ? null : text,
      });
    } else if (row.status === 'added') {
      if (row.pending !== text) {
        flag.run('added', text, now, server, name);
        row.pending = text;
      }
    } else if (row.definition === text) {
      if (row.status === 'changed') {
        // The server went back to the pinned definition: nothing left to accept.
        flag.run('pinned', null, now, server, name);
        row.status = 'pinned';
        row.pending = null;
      }
    } else if (row.pending !== text || row.status !== 'changed') {
      flag.run('changed', text, now, server, name);
      row.status = 'changed';
      row.pending = text;
    }
  }

  function changeOf(row: Row): PinChange | null {
    if (row.status === 'pinned') return null;
    const pinned = JSON.parse(row.definition) as JsonObject;
    const current = JSON.parse(row.pending ?? '{}') as JsonObject;
    return row.status === 'added'
      ? { server: row.server, tool: row.tool, kind: 'added', diff: [], current }
      : {
          server: row.server,
          tool: row.tool,
          kind: 'changed',
          diff: jsonDiff(pinned, current),
          pinned,
          current,
        };
  }

  // Until a complete listing of a server was recorded, every tool is on first sight (trust on first
  // use), whether seen in a list or in a call.
  const listedServers = new Set(
    db
      .prepare<[], { server: string }>('SELECT server FROM pin_listings')
      .all()
      .map((r) => r.server),
  );
  const markListed = db.prepare('INSERT OR IGNORE INTO pin_listings (server, listed_at) VALUES (?, ?)');
  const listed = (server: string): boolean => listedServers.has(server);

  return {
    recordList(server, tools, now) {
      const firstSight = !listed(server);
      const seen = new Set<string>();
      db.transaction(() => {
        for (const tool of tools) {
          if (typeof tool.name !== 'string') continue;
          seen.add(tool.name);
          upsert(server, tool.name, JSON.stringify(pinnedPart(tool)), firstSight, now);
        }
        if (firstSight) {
          markListed.run(server, now);
          listedServers.add(server);
        }
      })();
      const changes: PinChange[] = [];
      for (const row of serverRows(server).values()) {
        if (!seen.has(row.tool)) {
          if (row.status === 'pinned')
            changes.push({
              server,
              tool: row.tool,
              kind: 'removed',
              diff: [],
              pinned: JSON.parse(row.definition) as JsonObject,
            });
          continue;
        }
        const change = changeOf(row);
        if (change) changes.push(change);
      }
      return changes;
    },
    observe(server, tool, now) {
      if (typeof tool.name !== 'string') return 'unknown';
      const firstSight = !listed(server);
      upsert(server, tool.name, JSON.stringify(pinnedPart(tool)), firstSight, now);
      return this.state(server, tool.name);
    },
    state(server, tool) {
      return index.get(server)?.get(tool)?.status ?? 'unknown';
    },
    pending(server) {
      const rows = server
        ? [...(index.get(server)?.values() ?? [])]
        : [...index.values()].flatMap((m) => [...m.values()]);
      return rows.map(changeOf).filter((c): c is PinChange => c !== null);
    },
    acceptPinChange(server, tool) {
      const row = index.get(server)?.get(tool);
      if (!row || row.status === 'pinned' || row.pending === null) return false;
      accept.run(server, tool);
      row.definition = row.pending;
      row.pending = null;
      row.status = 'pinned';
      return true;
    },
  };
}

function canonical(value: Json | undefined): Json {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(value[key]);
    return out;
  }
  return value ?? null;
}
