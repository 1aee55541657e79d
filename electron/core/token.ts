/**
 * The bridge token: a random secret in an owner-only file in the data folder. A bridge proves it runs as
 * the same user by reading it; the core compares in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { checkPathSync } from './file-security';
import { tokenPath } from './paths';

/** Writes a fresh token (atomically, mode 0600) and returns it. Each core start rotates it. */
export function createTokenSync(dataDir: string): string {
  const token = randomBytes(32).toString('hex');
  const path = tokenPath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  renameSync(temp, path);
  return token;
}

/** Reads the token, refusing a file that another user owns or others can read. */
export function readTokenSync(dataDir: string): string {
  const path = tokenPath(dataDir);
  const unsafe = checkPathSync('token file', path);
  if (unsafe) throw new Error(unsafe);
  return readFileSync(path, 'utf8').trim();
}

/** Constant-time token comparison. */
export function tokensMatch(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
