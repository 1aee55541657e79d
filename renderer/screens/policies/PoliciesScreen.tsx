/** Policies: the editor (form or JSON), the "test a call" simulator, versions, import and export. */
import { useState } from 'react';

import { ErrorNote, Loading } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { isDirty, type PolicyTab } from '../../store/policy-draft-state';
import { useApi, useConsole } from '../../store/store-context';
import { DiskChangeBanner } from './DiskChangeBanner';
import { ImportExportPanel } from './ImportExportPanel';
import { PolicyEditor } from './PolicyEditor';
import type { SavedVersion } from './SaveReview';
import { SimulatorPanel } from './SimulatorPanel';
import { VersionsPanel } from './VersionsPanel';

const TABS: readonly { tab: PolicyTab; label: string }[] = [
  { tab: 'edit', label: 'Edit' },
  { tab: 'test', label: 'Test a call' },
  { tab: 'versions', label: 'Versions' },
  { tab: 'import', label: 'Import / export' },
];

/** The policies screen. */
export function PoliciesScreen() {
  const api = useApi();
  const status = useConsole((s) => s.policyStatus);
  const tab = useConsole((s) => s.policyTab);
  const setTab = useConsole((s) => s.setPolicyTab);
  const unsaved = useConsole((s) => isDirty(s.policyDraft));
  const [saved, setSaved] = useState<SavedVersion | null>(null);
  const version = status?.state === 'active' ? status.version : -1;
  const active = useLoad(`policy-${version}`, () => api.getPolicy());
  if (status === null) return <Loading what="policy" />;
  if (status.state === 'unavailable') return <ErrorNote message={status.message} />;
  return (
    <div className="single-pane">
      <header className="pane-header">
        <h1>Policies</h1>
        <span className="meta">active version v{status.version}</span>
        {unsaved ? <span className="badge tone-held unsaved-marker">● Unsaved changes</span> : null}
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
          <PolicyEditor
            active={active.value}
            saved={saved}
            onSaved={(s) => {
              setSaved(s);
              active.reload();
            }}
            onDismissSaved={() => setSaved(null)}
          />
        )
      ) : null}
      {tab === 'test' ? (
        active.state === 'ready' ? (
          <SimulatorPanel active={active.value} />
        ) : (
          <Loading what="the active policy" />
        )
      ) : null}
      {tab === 'versions' ? <VersionsPanel current={status.version} onRolledBack={active.reload} /> : null}
      {tab === 'import' ? <ImportExportPanel onImported={active.reload} /> : null}
    </div>
  );
}
