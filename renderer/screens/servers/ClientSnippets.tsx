/** The config to paste into Claude Desktop, Cursor and Claude Code, and "install into Claude Desktop". */
import { ErrorNote, Loading } from '../../components/states';
import { useAction, useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';

/** Snippets for one profile. */
export function ClientSnippets({ name }: { name: string }) {
  const api = useApi();
  const snippets = useLoad(name, () => api.clientSnippets(name));
  const copy = useAction();
  const install = useAction();
  if (snippets.state === 'loading') return <Loading what="client snippets" />;
  if (snippets.state === 'error') return <ErrorNote message={snippets.message} onRetry={snippets.reload} />;
  return (
    <section className="panel" aria-label="Connect a client">
      <h2>Connect a client to “{name}”</h2>
      {snippets.value.map((snippet) => (
        <div key={snippet.client}>
          <h3>
            {snippet.label} — {snippet.where === 'terminal' ? 'run in a terminal' : snippet.where}
          </h3>
          <pre className="snippet">{snippet.text}</pre>
          <button
            type="button"
            aria-label={`Copy ${snippet.label} snippet`}
            onClick={() =>
              void copy.run(
                () => navigator.clipboard.writeText(snippet.text),
                () => `${snippet.label} snippet copied.`,
              )
            }
          >
            Copy
          </button>
        </div>
      ))}
      <div className="button-row">
        <button
          type="button"
          disabled={install.busy}
          onClick={() =>
            void install.run(
              () => api.installIntoClaudeDesktop(name),
              (r) =>
                `Added to ${r.configPath}${r.backupPath === null ? '' : ` (backup: ${r.backupPath})`}. Restart Claude Desktop.`,
            )
          }
        >
          Install into Claude Desktop
        </button>
      </div>
      {[copy.done, install.done].map((d) =>
        d === null ? null : (
          <p key={d} role="status">
            ✓ {d}
          </p>
        ),
      )}
      {[copy.error, install.error].map((e) => (e === null ? null : <ErrorNote key={e} message={e} />))}
    </section>
  );
}
