/** Policies: the editor (form or JSON), the "test a call" simulator, versions, import and export. */
import { useId, useState } from 'react';

import { ErrorNote, Loading } from '../../components/states';
import { TabList, TabPanel, type TabItem } from '../../components/Tabs';
import { useLoad, type Loaded } from '../../components/use-load';
import type { PolicyDocumentView, PolicyStatus } from '../../../shared/contract/views';
import { isDirty, type PolicyTab } from '../../store/policy-draft-state';
import { useApi, useConsole } from '../../store/store-context';
import { DiskChangeBanner } from './DiskChangeBanner';
import { ImportExportPanel } from './ImportExportPanel';
import { PolicyEditor } from './PolicyEditor';
import type { SavedVersion } from './SaveReview';
import { SimulatorPanel } from './SimulatorPanel';
import { VersionsPanel } from './VersionsPanel';

const TABS: readonly TabItem<PolicyTab>[] = [
  { id: 'edit', label: 'Edit' },
  { id: 'test', label: 'Test a call' },
  { id: 'versions', label: 'Versions' },
  { id: 'import', label: 'Import / export' },
];

/** The policies screen. */
export function PoliciesScreen() {
  const api = useApi();
  const status = useConsole((s) => s.policyStatus);
  const tab = useConsole((s) => s.policyTab);
  const setTab = useConsole((s) => s.setPolicyTab);
  const unsaved = useConsole((s) => isDirty(s.policyDraft));
  const [saved, setSaved] = useState<SavedVersion | null>(null);
  const prefix = useId();
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
        <TabList label="Policy views" prefix={prefix} items={TABS} selected={tab} onSelect={setTab} />
      </header>
      {status.pendingDiskChange === null ? null : <DiskChangeBanner change={status.pendingDiskChange} />}
      <TabPanel prefix={prefix} tab={tab}>
        <PolicyTabContent tab={tab} status={status} active={active} saved={saved} onSaved={setSaved} />
      </TabPanel>
    </div>
  );
}

/** What the selected tab shows. */
function PolicyTabContent(props: {
  readonly tab: PolicyTab;
  readonly status: Extract<PolicyStatus, { state: 'active' }>;
  readonly active: Loaded<PolicyDocumentView> & { readonly reload: () => void };
  readonly saved: SavedVersion | null;
  readonly onSaved: (saved: SavedVersion | null) => void;
}) {
  const { tab, status, active, saved, onSaved } = props;
  return (
    <>
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
              onSaved(s);
              active.reload();
            }}
            onDismissSaved={() => onSaved(null)}
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
    </>
  );
}
