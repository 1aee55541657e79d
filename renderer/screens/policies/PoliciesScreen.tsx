/** Policies: the editor (form or JSON), the "test a call" simulator, versions, import and export. */
import { useState } from 'react';

import { ErrorNote, Loading } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { useApi, useConsole } from '../../store/store-context';
import { DiskChangeBanner } from './DiskChangeBanner';
import { ImportExportPanel } from './ImportExportPanel';
import { PolicyEditor } from './PolicyEditor';
import { SimulatorPanel } from './SimulatorPanel';
import { VersionsPanel } from './VersionsPanel';

type Tab = 'edit' | 'test' | 'versions' | 'import';

const TABS: readonly { tab: Tab; label: string }[] = [
  { tab: 'edit', label: 'Edit' },
  { tab: 'test', label: 'Test a call' },
  { tab: 'versions', label: 'Versions' },
  { tab: 'import', label: 'Import / export' },
];

/** The policies screen. */
export function PoliciesScreen() {
  const api = useApi();
  const status = useConsole((s) => s.policyStatus);
  const [tab, setTab] = useState<Tab>('edit');
  const version = status?.state === 'active' ? status.version : -1;
  const active = useLoad(`policy-${version}`, () => api.getPolicy());
  if (status === null) return <Loading what="policy" />;
  if (status.state === 'unavailable') return <ErrorNote message={status.message} />;
  return (
    <div className="single-pane">
      <header className="pane-header">
        <h1>Policies</h1>
        <span className="meta">active version v{status.version}</span>
        <div className="tabs" role="tablist" aria-label="Policy views">
          {TABS.map(({ tab: t, label }) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
              {label}
            </button>
          ))}
        </div>
      </header>
      {status.pendingDiskChange === null ? null : <DiskChangeBanner change={status.pendingDiskChange} />}
      {tab === 'edit' ? (
        active.state === 'loading' ? (
          <Loading what="the active policy" />
        ) : active.state === 'error' ? (
          <ErrorNote message={active.message} onRetry={active.reload} />
        ) : (
          <PolicyEditor key={active.value.version} active={active.value} onSaved={active.reload} />
        )
      ) : null}
      {tab === 'test' ? <SimulatorPanel /> : null}
      {tab === 'versions' ? <VersionsPanel current={status.version} onRolledBack={active.reload} /> : null}
      {tab === 'import' ? <ImportExportPanel onImported={active.reload} /> : null}
    </div>
  );
}
