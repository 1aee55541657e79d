/** Settings: notifications, default expiry, history retention, console login lifetime, start at login. */
import { NUMERIC_SETTINGS } from '../../../shared/contract/setting-fields';
import { ErrorNote, Loading } from '../../components/states';
import { useAction, useLoad } from '../../components/use-load';
import { useApi, useConsole } from '../../store/store-context';
import { ExpiryNote } from './ExpiryNote';
import { NumberSetting } from './NumberSetting';

/** The settings screen; it shows pushed settings and waits for the push after a change. */
export function SettingsScreen() {
  const api = useApi();
  const settings = useConsole((s) => s.settings);
  const policyStatus = useConsole((s) => s.policyStatus);
  const policyVersion = policyStatus?.state === 'active' ? policyStatus.version : null;
  const { busy, error, run } = useAction();
  // Settings arrive by push; asking directly tells apart "not yet pushed" from "this core has none".
  const direct = useLoad('settings', () => api.getSettings());
  if (settings === null) {
    return (
      <div className="single-pane">
        <header className="pane-header">
          <h1>Settings</h1>
        </header>
        {direct.state === 'error' ? (
          <ErrorNote message={direct.message} onRetry={direct.reload} />
        ) : (
          <Loading what="settings" />
        )}
      </div>
    );
  }
  const update = (patch: Parameters<typeof api.updateSettings>[0]) =>
    void run(() => api.updateSettings(patch));
  return (
    <div className="single-pane">
      <header className="pane-header">
        <h1>Settings</h1>
      </header>
      <form className="settings-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          <input
            type="checkbox"
            checked={settings.notifications}
            disabled={busy}
            onChange={(e) => update({ notifications: e.target.checked })}
          />
          Native notifications for held calls
        </label>
        <NumberSetting
          setting={NUMERIC_SETTINGS.expirySeconds}
          value={settings.expirySeconds}
          disabled={busy}
          onSave={(expirySeconds) => update({ expirySeconds })}
        />
        <ExpiryNote policyVersion={policyVersion} />
        <NumberSetting
          setting={NUMERIC_SETTINGS.retentionDays}
          value={settings.retentionDays}
          disabled={busy}
          onSave={(retentionDays) => update({ retentionDays })}
        />
        <label>
          A browser-console login lasts
          <input
            type="number"
            min={1}
            max={336}
            defaultValue={Math.round((settings.consoleSessionSeconds / 3600) * 100) / 100}
            key={`session-${settings.consoleSessionSeconds}`}
            aria-label="Console login lifetime in hours"
            onBlur={(e) => {
              const seconds = Math.round(Number(e.target.value) * 3600);
              if (seconds !== settings.consoleSessionSeconds) update({ consoleSessionSeconds: seconds });
            }}
          />
          hours (new logins; then run airlock console-url again)
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            disabled={busy || !settings.startAtLoginSupported}
            onChange={(e) => update({ startAtLogin: e.target.checked })}
          />
          Start Airlock at login {settings.startAtLoginSupported ? '' : '(desktop app only)'}
        </label>
      </form>
      {error === null ? null : <ErrorNote message={error} />}
    </div>
  );
}
