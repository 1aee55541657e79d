/**
 * Server profiles (electron/profiles) as the console's `ProfilesPort`. Environment values are write-only:
 * the console sees their names, and a save without `env` keeps the saved values.
 */
import type { ServerProfileView } from '../../../shared/contract/views';
import type { ServerProfile } from '../../profiles/profile';
import type { ProfileStore } from '../../profiles/profile-store';
import type { ProfilesPort } from '../profiles-port';
import { testUpstream } from './test-upstream';

/** A profile as the console shows it. */
export function profileView(profile: ServerProfile): ServerProfileView {
  if (profile.url !== undefined) return { name: profile.name, transport: 'http', url: profile.url };
  return {
    name: profile.name,
    transport: 'stdio',
    command: profile.command ?? '',
    args: profile.args,
    cwd: profile.cwd ?? null,
    envKeys: Object.keys(profile.env),
  };
}

/** Adapts the profile store. */
export function profilesPort(store: ProfileStore): ProfilesPort {
  return {
    list: () => store.list().map(profileView),
    save(input, previousName) {
      const existing = store.get(previousName ?? input.name);
      if (previousName !== null && previousName !== input.name && store.get(input.name) !== undefined) {
        throw new Error(`A profile named "${input.name}" already exists.`);
      }
      // Keep what the form does not edit (description, elicitation routing, answer-early, headers).
      const kept =
        existing === undefined
          ? {}
          : { ...existing, command: undefined, url: undefined, cwd: undefined, args: [] };
      if (input.transport === 'stdio') {
        store.save({
          ...kept,
          name: input.name,
          command: input.command,
          args: [...input.args],
          env: input.env ?? existing?.env ?? {},
          ...(input.cwd === null ? {} : { cwd: input.cwd }),
        });
      } else {
        store.save({ ...kept, name: input.name, url: input.url, env: {} });
      }
      if (previousName !== null && previousName !== input.name) store.remove(previousName);
    },
    remove(name) {
      if (!store.remove(name)) throw new Error(`No server profile named "${name}".`);
    },
    async test(name) {
      const profile = store.get(name);
      if (profile === undefined) throw new Error(`No server profile named "${name}".`);
      return testUpstream(profile);
    },
  };
}
