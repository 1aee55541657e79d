/**
 * Where the core keeps its files. One data folder holds everything (socket, token, config, databases),
 * so `--data-dir` or AIRLOCK_DATA_DIR isolates an instance completely.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The environment variable that selects the data folder. */
export const DATA_DIR_ENV = 'AIRLOCK_DATA_DIR';

/** The per-user default data folder, matching Electron's `userData` for an app named Airlock. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Airlock');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Airlock');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Airlock');
}

/** Resolves the data folder from a flag, then the environment, then the default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env[DATA_DIR_ENV] ?? defaultDataDir(process.platform, env));
}

/** Unix sockets have a short path limit (104 bytes on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 103;

/** The core's socket: a Unix socket in the data folder, or a per-folder named pipe on Windows. */
export function socketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const id = createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\airlock-${id}`;
  }
  const path = join(dataDir, 'airlock.sock');
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new Error(
      `the data folder path is too long for a Unix socket (${path}); choose a shorter --data-dir`,
    );
  }
  return path;
}

/** The owner-only file holding the token bridges must present. */
export function tokenPath(dataDir: string): string {
  return join(dataDir, 'token');
}
