/** The settings store as the console's `SettingsPort`. */
import type { SettingsView } from '../../../shared/contract/views';
import type { Settings, SettingsStore } from '../../core/settings-store';
import type { SettingsPort } from '../settings-port';

/** Adapts the settings store; start-at-login works only where a desktop shell can set it. */
export function settingsPort(store: SettingsStore, startAtLoginSupported: boolean): SettingsPort {
  const view = (s: Settings): SettingsView => ({
    notifications: s.notifications,
    expirySeconds: s.expirySeconds,
    retentionDays: s.retentionDays,
    startAtLogin: s.startAtLogin,
    consoleSessionSeconds: s.consoleSessionSeconds,
    startAtLoginSupported,
  });
  return {
    get: () => view(store.get()),
    update(patch) {
      if (patch.startAtLogin !== undefined && !startAtLoginSupported) {
        throw new Error('Start at login needs the desktop app; browser mode cannot set it.');
      }
      return view(store.update(patch));
    },
    subscribe: (listener) => store.subscribe((s) => listener(view(s))),
  };
}
