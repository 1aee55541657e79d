/** Servers: saved upstream profiles in the middle; the selected one's form and client snippets on the right. */
import { useState } from 'react';

import { UntrustedText } from '../../components/SafeTextView';
import { EmptyState, ErrorNote, Loading } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { ClientSnippets } from './ClientSnippets';
import { ProfileEditor } from './ProfileEditor';

/** The servers screen. */
export function ServersScreen() {
  const api = useApi();
  const profiles = useLoad('servers', () => api.listServers());
  const [selected, setSelected] = useState<string | null>(null);
  const current =
    profiles.state === 'ready' ? (profiles.value.find((p) => p.name === selected) ?? null) : null;
  const takenNames = profiles.state === 'ready' ? profiles.value.map((p) => p.name) : [];
  // What the last save or removal did; it outlives the form it came from, which is replaced.
  const [notice, setNotice] = useState<string | null>(null);
  const select = (name: string | null) => {
    setSelected(name);
    setNotice(null);
  };
  const onSaved = (name: string | null, message: string) => {
    setSelected(name);
    setNotice(message);
    profiles.reload();
  };
  return (
    <div className="split">
      <section className="list-pane" aria-label="Server profiles">
        <header className="pane-header">
          <h1>Servers</h1>
          <button type="button" onClick={() => select('new')}>
            Add server
          </button>
        </header>
        {profiles.state === 'loading' ? <Loading what="server profiles" /> : null}
        {profiles.state === 'error' ? (
          <ErrorNote message={profiles.message} onRetry={profiles.reload} />
        ) : null}
        {profiles.state === 'ready' && profiles.value.length === 0 ? (
          <EmptyState title="No server profiles yet">
            <p>
              Add the SSH MCP server your agent uses (for example ssh-mcp), then paste the snippet into your
              client.
            </p>
          </EmptyState>
        ) : null}
        {profiles.state === 'ready' ? (
          <ul className="scroll-list">
            {profiles.value.map((p) => (
              <li key={p.name}>
                <button
                  type="button"
                  className="row"
                  aria-current={p.name === selected}
                  onClick={() => select(p.name)}
                >
                  <strong>{p.name}</strong>
                  {p.description === null ? null : (
                    <div className="meta">
                      <UntrustedText value={p.description} />
                    </div>
                  )}
                  <div className="meta mono">
                    {p.transport === 'http' ? p.url : [p.command, ...p.args].join(' ')}
                  </div>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="detail-pane" aria-label="Server detail">
        {notice === null ? null : (
          <p role="status" className="notice">
            ✓ {notice}
          </p>
        )}
        {selected === 'new' ? (
          <ProfileEditor key="new" profile={null} takenNames={takenNames} onSaved={onSaved} />
        ) : null}
        {current === null ? (
          selected === 'new' ? null : (
            <p className="meta placeholder">Select a server, or add one.</p>
          )
        ) : (
          <>
            <ProfileEditor key={current.name} profile={current} takenNames={takenNames} onSaved={onSaved} />
            <ClientSnippets name={current.name} />
          </>
        )}
      </section>
    </div>
  );
}
