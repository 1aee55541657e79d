/** Add or edit a server profile; test its connection; remove it. Replacing and removing ask first. */
import { useId, useState } from 'react';

import type { ServerProfileView } from '../../../shared/contract/views';
import { ConfirmBar } from '../../components/ConfirmBar';
import { UntrustedText } from '../../components/SafeTextView';
import { ErrorNote } from '../../components/states';
import { useAction } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { EMPTY_FIELDS, fieldsOf, toInput, type ProfileFields } from './profile-form';
import { ProfileFieldsGrid } from './ProfileFieldsGrid';

/** What the form is asking the operator to confirm. */
type Asking =
  | { readonly kind: 'none' }
  | { readonly kind: 'replace'; readonly name: string }
  | { readonly kind: 'remove' };

/**
 * The profile form; `profile` null means a new one. `takenNames` are the saved profiles' names. After a
 * save or removal `onSaved` gets the name now selected and what happened (the form is replaced then).
 */
export function ProfileEditor({
  profile,
  takenNames,
  onSaved,
}: {
  profile: ServerProfileView | null;
  takenNames: readonly string[];
  onSaved: (name: string | null, notice: string) => void;
}) {
  const api = useApi();
  const id = useId();
  const [fields, setFields] = useState<ProfileFields>(profile === null ? EMPTY_FIELDS : fieldsOf(profile));
  const [formError, setFormError] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>({ kind: 'none' });
  const { busy, error, done, run } = useAction();
  const [tools, setTools] = useState<readonly string[]>([]);
  const set = (key: keyof ProfileFields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });
  const save = (overwrite: boolean) => {
    const result = toInput(fields);
    if ('error' in result) {
      setFormError(result.error);
      return;
    }
    setFormError(null);
    const name = result.input.name;
    if (profile === null && !overwrite && takenNames.includes(name)) {
      setAsking({ kind: 'replace', name });
      return;
    }
    setAsking({ kind: 'none' });
    void run(() => api.saveServer(result.input, profile?.name, overwrite)).then(
      (r) => r !== null && onSaved(name, overwrite ? `Replaced "${name}".` : `Saved "${name}".`),
    );
  };
  const remove = (name: string) => {
    setAsking({ kind: 'none' });
    void run(() => api.removeServer(name)).then((r) => r !== null && onSaved(null, `Removed "${name}".`));
  };
  const test = (name: string) =>
    void run(
      async () => {
        const result = await api.testServer(name);
        setTools(result.tools);
        if (!result.ok) throw new Error(result.message);
        return result;
      },
      (result) => result.message,
    );
  return (
    <section
      className="panel"
      aria-label={profile === null ? 'New server profile' : `Server profile ${profile.name}`}
    >
      <h2>{profile === null ? 'New server profile' : `Edit ${profile.name}`}</h2>
      <ProfileFieldsGrid id={id} fields={fields} set={set} profile={profile} />
      {formError === null ? null : <p className="inline-errors">✕ {formError}</p>}
      {asking.kind === 'replace' ? (
        <ConfirmBar
          confirmLabel={`Replace "${asking.name}"`}
          busy={busy}
          onConfirm={() => save(true)}
          onCancel={() => setAsking({ kind: 'none' })}
        >
          A profile named <strong>{asking.name}</strong> already exists. Replacing it drops its saved command,
          environment and options; clients using <code>--server {asking.name}</code> get the new one at their
          next start.
        </ConfirmBar>
      ) : null}
      {asking.kind === 'remove' && profile !== null ? (
        <ConfirmBar
          confirmLabel={`Remove "${profile.name}"`}
          busy={busy}
          onConfirm={() => remove(profile.name)}
          onCancel={() => setAsking({ kind: 'none' })}
        >
          Remove the profile <strong>{profile.name}</strong>? Clients configured with{' '}
          <code>airlock mcp --server {profile.name}</code> will fail to start until it is added again. Its
          history stays.
        </ConfirmBar>
      ) : null}
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => save(false)}>
          Save profile
        </button>
        {profile === null ? null : (
          <>
            <button type="button" disabled={busy} onClick={() => test(profile.name)}>
              Test connection
            </button>
            <button type="button" disabled={busy} onClick={() => setAsking({ kind: 'remove' })}>
              Remove…
            </button>
          </>
        )}
      </div>
      {done === null ? null : <p role="status">✓ {done}</p>}
      {tools.length === 0 ? null : (
        <p className="meta">
          Tools: <UntrustedText value={tools.join(', ')} />
        </p>
      )}
      {error === null ? null : <ErrorNote message={error} />}
    </section>
  );
}
