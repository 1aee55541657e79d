/**
 * The shared `config.json` in the data folder: server profiles and settings. It is `conf`'s file, the store
 * electron-store is built on, so the desktop app and the headless core read and write the same file.
 * Every read goes to disk, so a change made by another Airlock process (`airlock servers add`) is seen.
 */
import Conf from 'conf';

/** Opens one top-level key group of `config.json`, owner-only, with its defaults. */
export function openConfigFile<T extends Record<string, unknown>>(dataDir: string, defaults: T): Conf<T> {
  return new Conf<T>({
    cwd: dataDir,
    configName: 'config',
    projectName: 'airlock',
    defaults,
    configFileMode: 0o600,
  });
}
