/**
 * Server profiles on disk, in the same `config.json` that electron-store uses in the desktop app (it is
 * built on `conf`), so the headless core and the app share one file. Reads go to disk every time, so a
 * profile added with `airlock servers add` is seen by a running core at its next session.
 */
import { openConfigFile } from '../core/config-file';
import { profileSchema, type ServerProfile, type ServerProfileInput } from './profile';

/** A profile the schema refused; `path` names the field at fault (`['name']` for a bad NAME). */
export class InvalidProfileError extends Error {
  constructor(
    message: string,
    readonly path: readonly string[],
  ) {
    super(message);
    this.name = 'InvalidProfileError';
  }
}

/** Saved upstream profiles. */
export interface ProfileStore {
  list(): ServerProfile[];
  get(name: string): ServerProfile | undefined;
  /** Whether a profile of that name is saved, readable or not (so an add never overwrites it unasked). */
  has(name: string): boolean;
  /** Validates and saves (adds or replaces); throws with a readable message on bad input. */
  save(input: ServerProfileInput): ServerProfile;
  /** Removes a profile; returns whether it existed. */
  remove(name: string): boolean;
}

/** The shape of the shared config file's `servers` key. */
type ConfigShape = { servers: Record<string, unknown> };

/** Opens the profile store in a data folder. */
export function openProfileStore(dataDir: string): ProfileStore {
  const conf = openConfigFile<ConfigShape>(dataDir, { servers: {} });
  const all = (): Record<string, unknown> => conf.get('servers');
  return {
    list() {
      return Object.values(all())
        .map((raw) => profileSchema.safeParse(raw))
        .filter((r) => r.success)
        .map((r) => r.data)
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    get(name) {
      const raw = all()[name];
      if (raw === undefined) return undefined;
      const parsed = profileSchema.safeParse(raw);
      if (!parsed.success)
        throw new Error(
          `server profile '${name}' in config.json is invalid: ${parsed.error.issues[0]?.message ?? ''}`,
        );
      return parsed.data;
    },
    has(name) {
      return Object.hasOwn(all(), name);
    },
    save(input) {
      const parsed = profileSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        throw new InvalidProfileError(
          `invalid server profile: ${where}${issue?.message ?? 'unknown error'}`,
          issue?.path.map(String) ?? [],
        );
      }
      conf.set('servers', { ...all(), [parsed.data.name]: parsed.data });
      return parsed.data;
    },
    remove(name) {
      const servers = all();
      if (!(name in servers)) return false;
      conf.set('servers', Object.fromEntries(Object.entries(servers).filter(([key]) => key !== name)));
      return true;
    },
  };
}
