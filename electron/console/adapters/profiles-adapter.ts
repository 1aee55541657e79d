/**
 * Server profiles (electron/profiles) as the console's `ProfilesPort`. Environment and header values are
 * write-only: the console sees their names, and a save without `env`/`headers` keeps the saved values.
 */
import type { ServerProfileInput as FormInput } from '../../../shared/contract/schemas';
import type { ProfileOptionsView, ServerProfileView } from '../../../shared/contract/views';
import type { ServerProfile, ServerProfileInput } from '../../profiles/profile';
import type { ProfileStore } from '../../profiles/profile-store';
import type { ProfilesPort } from '../profiles-port';
import { testUpstream } from './test-upstream';

function optionsView(profile: ServerProfile): ProfileOptionsView {
  return {
    description: profile.description ?? null,
    elicitation: profile.elicitation,
    answerEarlyMs: profile.answerEarly?.enabled === true ? profile.answerEarly.afterMs : null,
  };
}

/** A profile as the console shows it. */
export function profileView(profile: ServerProfile): ServerProfileView {
  const options = optionsView(profile);
  if (profile.url !== undefined) {
    return {
      ...options,
      name: profile.name,
      transport: 'http',
      url: profile.url,
      headerKeys: Object.keys(profile.headers),
    };
  }
  return {
    ...options,
    name: profile.name,
    transport: 'stdio',
    command: profile.command ?? '',
    args: profile.args,
    cwd: profile.cwd ?? null,
    envKeys: Object.keys(profile.env),
  };
}

/** The options the form sent, over what was saved (an omitted option keeps its saved value). */
function options(input: FormInput, existing: ServerProfile | undefined): Partial<ServerProfileInput> {
  const description = input.description ?? existing?.description;
  const answerEarly =
    input.answerEarlyMs === undefined
      ? existing?.answerEarly
      : input.answerEarlyMs === null
        ? undefined
        : { enabled: true, afterMs: input.answerEarlyMs };
  return {
    elicitation: input.elicitation ?? existing?.elicitation ?? 'queue',
    ...(description === undefined || description.trim() === '' ? {} : { description: description.trim() }),
    ...(answerEarly === undefined ? {} : { answerEarly }),
  };
}

/** Adapts the profile store. */
export function profilesPort(store: ProfileStore): ProfilesPort {
  return {
    list: () => store.list().map(profileView),
    save(input, previousName, overwrite) {
      const renaming = previousName !== null && previousName !== input.name;
      const taken = store.get(input.name) !== undefined;
      if (renaming && taken) {
        throw new Error(
          `A profile named "${input.name}" already exists; remove it first or pick another name.`,
        );
      }
      if (previousName === null && taken && !overwrite) {
        throw new Error(
          `A profile named "${input.name}" already exists. Confirm to replace it, or pick another name.`,
        );
      }
      // A replaced profile (overwrite) starts from nothing: only an edit keeps the saved secrets.
      const existing = previousName === null ? undefined : store.get(previousName);
      if (input.transport === 'stdio') {
        store.save({
          ...options(input, existing),
          name: input.name,
          command: input.command,
          args: [...input.args],
          env: input.env ?? existing?.env ?? {},
          ...(input.cwd === null ? {} : { cwd: input.cwd }),
        });
      } else {
        store.save({
          ...options(input, existing),
          name: input.name,
          url: input.url,
          headers: input.headers ?? existing?.headers ?? {},
          env: {},
        });
      }
      if (renaming) store.remove(previousName);
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
