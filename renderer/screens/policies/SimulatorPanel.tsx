/** "Test a call": what the active policy would decide for a call, without running anything. */
import { useId, useState } from 'react';

import type { SimulationResult } from '../../../shared/contract/views';
import { isJsonObject } from '../../../shared/json';
import { OutcomeBadge } from '../../components/badges';
import { UntrustedText } from '../../components/SafeTextView';
import { ErrorNote } from '../../components/states';
import { useAction } from '../../components/use-load';
import { useApi } from '../../store/store-context';

/** The simulator form and its answer. */
export function SimulatorPanel() {
  const api = useApi();
  const id = useId();
  const [server, setServer] = useState('prod');
  const [tool, setTool] = useState('exec');
  const [args, setArgs] = useState('{\n  "command": "uptime"\n}');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const { busy, error, run } = useAction();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(args);
  } catch {
    parsed = null;
  }
  const argsOk = isJsonObject(parsed);
  return (
    <section className="panel" aria-label="Test a call">
      <h2>Test a call</h2>
      <div className="form-grid">
        <label htmlFor={`${id}-server`}>Server</label>
        <input id={`${id}-server`} value={server} onChange={(e) => setServer(e.target.value)} />
        <label htmlFor={`${id}-tool`}>Tool</label>
        <input id={`${id}-tool`} value={tool} onChange={(e) => setTool(e.target.value)} />
        <label htmlFor={`${id}-args`}>Arguments (JSON)</label>
        <textarea
          id={`${id}-args`}
          className="json-editor"
          rows={5}
          value={args}
          aria-invalid={!argsOk}
          onChange={(e) => setArgs(e.target.value)}
        />
      </div>
      {argsOk ? null : <p className="inline-errors">✕ Arguments must be a JSON object.</p>}
      <button
        type="button"
        disabled={busy || !argsOk || server === '' || tool === ''}
        onClick={() =>
          isJsonObject(parsed) &&
          void run(() => api.simulateCall(server, tool, parsed)).then((r) => r !== null && setResult(r))
        }
      >
        Test call
      </button>
      {error === null ? null : <ErrorNote message={error} />}
      {result === null ? null : (
        <div className="simulation" role="status">
          <OutcomeBadge word={result.action} /> by rule <code>{result.rule}</code>:{' '}
          <UntrustedText value={result.reason} />
          {result.warning === undefined ? null : (
            <p className="warning-banner">
              <UntrustedText value={result.warning} />
            </p>
          )}
        </div>
      )}
    </section>
  );
}
