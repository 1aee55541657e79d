/** Add or edit a server profile; test its connection; remove it. */
import { useId, useState } from 'react';

import type { ServerProfileView } from '../../../shared/contract/views';
import { UntrustedText } from '../../components/SafeTextView';
import { ErrorNote } from '../../components/states';
import { useAction } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { EMPTY_FIELDS, fieldsOf, toInput, type ProfileFields } from './profile-form';

/** The profile form; `profile` null means a new one. */
export function ProfileEditor({
  profile,
  onSaved,
}: {
  profile: ServerProfileView | null;
  onSaved: (name: string | null) => void;
}) {
  const api = useApi();
  const id = useId();
  const [fields, setFields] = useState<ProfileFields>(profile === null ? EMPTY_FIELDS : fieldsOf(profile));
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, error, done, run } = useAction();
  const [tools, setTools] = useState<readonly string[]>([]);
  const set = (key: keyof ProfileFields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });
  const save = () => {
    const result = toInput(fields);
    if ('error' in result) {
      setFormError(result.error);
      return;
    }
    setFormError(null);
    void run(
      () => api.saveServer(result.input, profile?.name),
      () => `Saved "${result.input.name}".`,
    ).then((r) => r !== null && onSaved(result.input.name));
  };
  return (
    <section
      className="panel"
      aria-label={profile === null ? 'New server profile' : `Server profile ${profile.name}`}
    >
      <h2>{profile === null ? 'New server profile' : `Edit ${profile.name}`}</h2>
      <div className="form-grid">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={fields.name} onChange={set('name')} />
        <label htmlFor={`${id}-transport`}>Transport</label>
        <select id={`${id}-transport`} value={fields.transport} onChange={set('transport')}>
          <option value="stdio">stdio (a command)</option>
          <option value="http">Streamable HTTP (a URL)</option>
        </select>
        {fields.transport === 'stdio' ? (
          <>
            <label htmlFor={`${id}-command`}>Command</label>
            <input id={`${id}-command`} value={fields.command} onChange={set('command')} placeholder="npx" />
            <label htmlFor={`${id}-args`}>Arguments (one per line)</label>
            <textarea id={`${id}-args`} rows={3} value={fields.args} onChange={set('args')} />
            <label htmlFor={`${id}-cwd`}>Working folder</label>
            <input id={`${id}-cwd`} value={fields.cwd} onChange={set('cwd')} />
            <label htmlFor={`${id}-env`}>Environment (KEY=value per line)</label>
            <textarea
              id={`${id}-env`}
              rows={2}
              value={fields.env}
              onChange={set('env')}
              placeholder={
                profile?.transport === 'stdio' && profile.envKeys.length > 0
                  ? `saved: ${profile.envKeys.join(', ')} (leave empty to keep)`
                  : ''
              }
            />
          </>
        ) : (
          <>
            <label htmlFor={`${id}-url`}>URL</label>
            <input id={`${id}-url`} value={fields.url} onChange={set('url')} placeholder="https://…/mcp" />
          </>
        )}
      </div>
      {formError === null ? null : <p className="inline-errors">✕ {formError}</p>}
      <div className="button-row">
        <button type="button" disabled={busy} onClick={save}>
          Save profile
        </button>
        {profile === null ? null : (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(
                  async () => {
                    const result = await api.testServer(profile.name);
                    setTools(result.tools);
                    if (!result.ok) throw new Error(result.message);
                    return result;
                  },
                  (result) => result.message,
                )
              }
            >
              Test connection
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(() => api.removeServer(profile.name)).then((r) => r !== null && onSaved(null))
              }
            >
              Remove
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
