/**
 * The browser console's login sessions: a random id per login, kept server-side with its expiry, so a
 * logout or an expiry ends the session whatever the browser still holds. Only the SHA-256 of each id is
 * kept (in memory and in the owner-only file), so the file alone cannot sign anybody in. With a file, a
 * restarted core keeps its operators signed in until their sessions expire.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { checkPathSync } from '../core/file-security';

/** Where a data folder keeps its console sessions. */
export function sessionFilePath(dataDir: string): string {
  return join(dataDir, 'console-sessions.json');
}

/** Login sessions by id. */
export interface SessionStore {
  /** Starts a session lasting `lifetimeMs`; returns its id and expiry. */
  create(lifetimeMs: number): { readonly id: string; readonly expiresAt: number };
  /** The session's expiry, or null when it is unknown, revoked or expired. */
  expiresAt(id: string): number | null;
  /** Ends a session; whether it was live. */
  revoke(id: string): boolean;
}

const fileSchema = z.object({
  version: z.literal(1),
  sessions: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.number().int()),
});

function digest(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function load(path: string, now: number, log: (line: string) => void): Map<string, number> {
  const sessions = new Map<string, number>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return sessions; // first start
  }
  // Fail closed: a file someone else could have written signs nobody in.
  const unsafe = checkPathSync('console session file', path);
  if (unsafe !== null) {
    log(`${unsafe}; every browser must sign in again`);
    return sessions;
  }
  let parsed: z.infer<typeof fileSchema> | undefined;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    log(`${path} is unreadable; every browser must sign in again`);
    return sessions;
  }
  for (const [hash, expiresAt] of Object.entries(parsed.sessions))
    if (expiresAt > now) sessions.set(hash, expiresAt);
  return sessions;
}

/** Opens the sessions; `path` persists them (mode 0600), none keeps them in memory only. */
export function openSessionStore(
  options: { path?: string; now?: () => number; log?: (line: string) => void } = {},
): SessionStore {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => process.stderr.write(`airlock: ${line}\n`));
  const { path } = options;
  const sessions = path === undefined ? new Map<string, number>() : load(path, now(), log);
  const save = (): void => {
    if (path === undefined) return;
    const at = now();
    for (const [hash, expiresAt] of sessions) if (expiresAt <= at) sessions.delete(hash);
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: 1, sessions: Object.fromEntries(sessions) }), {
      mode: 0o600,
    });
    renameSync(temp, path);
  };
  const expiresAt = (id: string): number | null => {
    const at = sessions.get(digest(id));
    return at !== undefined && at > now() ? at : null;
  };
  return {
    create(lifetimeMs) {
      const id = randomBytes(32).toString('base64url');
      const until = now() + lifetimeMs;
      sessions.set(digest(id), until);
      save();
      return { id, expiresAt: until };
    },
    expiresAt,
    revoke(id) {
      const live = expiresAt(id) !== null;
      if (sessions.delete(digest(id))) save();
      return live;
    },
  };
}
