/** The Servers form's fields: every profile option, for a stdio command or an HTTP URL. */
import type { ServerProfileView } from '../../../shared/contract/views';
import type { ProfileFields } from './profile-form';

type Setter = (key: keyof ProfileFields) => (e: { target: { value: string } }) => void;

function savedKeys(keys: readonly string[] | undefined): string {
  return keys !== undefined && keys.length > 0 ? `saved: ${keys.join(', ')} (leave empty to keep)` : '';
}

/** The labelled inputs; `id` prefixes element ids so two forms never share one. */
export function ProfileFieldsGrid({
  id,
  fields,
  set,
  profile,
}: {
  id: string;
  fields: ProfileFields;
  set: Setter;
  profile: ServerProfileView | null;
}) {
  return (
    <div className="form-grid">
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={fields.name} onChange={set('name')} />
      <label htmlFor={`${id}-description`}>Description</label>
      <input
        id={`${id}-description`}
        value={fields.description}
        onChange={set('description')}
        maxLength={500}
        placeholder="what this server reaches (optional)"
      />
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
            placeholder={savedKeys(profile?.transport === 'stdio' ? profile.envKeys : undefined)}
          />
        </>
      ) : (
        <>
          <label htmlFor={`${id}-url`}>URL</label>
          <input id={`${id}-url`} value={fields.url} onChange={set('url')} placeholder="https://…/mcp" />
          <label htmlFor={`${id}-headers`}>Headers (Name: value per line)</label>
          <textarea
            id={`${id}-headers`}
            rows={2}
            value={fields.headers}
            onChange={set('headers')}
            placeholder={savedKeys(profile?.transport === 'http' ? profile.headerKeys : undefined)}
          />
        </>
      )}
      <label htmlFor={`${id}-elicitation`}>Upstream questions</label>
      <select id={`${id}-elicitation`} value={fields.elicitation} onChange={set('elicitation')}>
        <option value="queue">to Airlock&apos;s queue (you answer)</option>
        <option value="client">to the agent&apos;s client</option>
      </select>
      <label htmlFor={`${id}-answer-early`}>Answer early after (seconds)</label>
      <input
        id={`${id}-answer-early`}
        inputMode="decimal"
        value={fields.answerEarly}
        onChange={set('answerEarly')}
        placeholder="off: wait for your decision"
        aria-describedby={`${id}-answer-early-help`}
      />
      <p className="meta form-help" id={`${id}-answer-early-help`}>
        For clients that give up on slow calls: reply &quot;pending operator approval, retry&quot; after this
        long, and run the call once you approve it.
      </p>
    </div>
  );
}
