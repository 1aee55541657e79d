/**
 * Operator settings, in the shared `config.json` (electron-store's file in the desktop app). Validated on
 * every read and write; an invalid file falls back to defaults for the invalid keys, never to something
 * looser than the defaults.
 */
import { z } from 'zod';
import { NUMERIC_SETTINGS, numericSettingSchema } from '../../shared/contract/setting-fields';
import { openConfigFile } from './config-file';

/** Settings with their bounds. */
export const settingsSchema = z.object({
  /** Raise native notifications for new held calls. */
  notifications: z.boolean().default(true),
  /** How long a held call waits for a decision before it is denied (fail closed). */
  expirySeconds: numericSettingSchema(NUMERIC_SETTINGS.expirySeconds).default(300),
  /** History kept for this many days (0 = forever). */
  retentionDays: numericSettingSchema(NUMERIC_SETTINGS.retentionDays).default(90),
  /** History capped at this many megabytes (0 = no cap). */
  retentionMb: numericSettingSchema(NUMERIC_SETTINGS.retentionMb).default(0),
  /** Start the desktop app at login (desktop shell only). */
  startAtLogin: z.boolean().default(false),
  /** How long a browser-console login lasts (default 12 h); a short value makes the console ask again sooner. */
  // The console refuses less than 5 minutes (NUMERIC_SETTINGS); a hand-edited file may go down to 1 s.
  consoleSessionSeconds: z
    .number()
    .int()
    .min(1)
    .max(NUMERIC_SETTINGS.consoleSessionSeconds.max)
    .default(43_200),
  /** The browser console's port, remembered from the last start (0 = not chosen yet: any free port). */
  consolePort: z.number().int().min(0).max(65_535).default(0),
});

/** Validated settings. */
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update. */
export type SettingsPatch = Partial<Settings>;

/** Settings storage with change notification. */
export interface SettingsStore {
  get(): Settings;
  /** Validates and saves a patch; throws with the offending key on bad input. */
  update(patch: SettingsPatch): Settings;
  subscribe(listener: (settings: Settings) => void): () => void;
}

/** Opens the settings in a data folder. */
export function openSettingsStore(dataDir: string): SettingsStore {
  const conf = openConfigFile<{ settings: unknown }>(dataDir, { settings: {} });
  const listeners = new Set<(settings: Settings) => void>();
  const read = (): Settings => {
    const raw = conf.get('settings');
    const parsed = settingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // Keep the valid keys, default the rest.
    const base = settingsSchema.parse({});
    const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    for (const key of Object.keys(base) as (keyof Settings)[]) {
      const one = settingsSchema.shape[key].safeParse(source[key]);
      if (one.success) (base as Record<string, unknown>)[key] = one.data;
    }
    return base;
  };
  return {
    get: read,
    update(patch) {
      const parsed = settingsSchema.partial().strict().safeParse(patch);
      if (!parsed.success) {
        // Numeric settings carry the operator's own sentence; other keys name the key.
        const issue = parsed.error.issues[0];
        const key = issue?.path.join('.') ?? '';
        throw new Error(
          issue?.code === 'custom' ? issue.message : `invalid setting ${key}: ${issue?.message ?? 'unknown'}`,
        );
      }
      // zod fills a `.partial()` field's default in when the key is absent: keep only the keys the patch
      // names, or every update would reset the other settings (the remembered port among them).
      const given = Object.fromEntries(
        Object.entries(parsed.data).filter(([key]) => Object.hasOwn(patch, key)),
      ) as SettingsPatch;
      const next = { ...read(), ...given };
      conf.set('settings', next);
      for (const listener of listeners) listener(next);
      return next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
