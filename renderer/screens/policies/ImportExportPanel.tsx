/** Import a policy (Airlock's own, or PolicyLayer's policy.json as written) and export the active one. */
import { useId, useState } from 'react';

import { downloadFile } from '../../components/download';
import { ErrorNote } from '../../components/states';
import { useAction } from '../../components/use-load';
import { useApi } from '../../store/store-context';

type Format = 'auto' | 'airlock' | 'policylayer';

/** The import and export controls. */
export function ImportExportPanel({ onImported }: { onImported: () => void }) {
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [format, setFormat] = useState<Format>('auto');
  const { busy, error, done, run } = useAction();
  return (
    <section className="panel" aria-label="Import and export">
      <h2>Import and export</h2>
      <div className="form-grid">
        <label htmlFor={`${id}-file`}>Policy file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) void file.text().then(setText);
          }}
        />
        <label htmlFor={`${id}-text`}>…or paste it</label>
        <textarea
          id={`${id}-text`}
          className="json-editor"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label htmlFor={`${id}-format`}>Format</label>
        <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          <option value="auto">Detect</option>
          <option value="airlock">Airlock policy</option>
          <option value="policylayer">PolicyLayer policy.json</option>
        </select>
      </div>
      <div className="button-row">
        <button
          type="button"
          disabled={busy || text.trim() === ''}
          onClick={() =>
            void run(
              () => api.importPolicy(text, format),
              (v) => `Imported as version ${v.version}.`,
            ).then((v) => v !== null && onImported())
          }
        >
          Import policy
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(() => api.exportPolicy()).then((file) => file !== null && downloadFile(file))
          }
        >
          Export policy
        </button>
      </div>
      {done === null ? null : <p role="status">✓ {done}</p>}
      {error === null ? null : <ErrorNote message={error} />}
    </section>
  );
}
