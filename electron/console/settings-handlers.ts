/** Settings channels. */
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import type { SettingsPort } from './settings-port';
import { unavailable, type ConsoleServices } from './services';

/** Settings handlers. */
export function settingsHandlers(
  services: ConsoleServices,
): Pick<InvokeHandlerMap, 'settings:get' | 'settings:update'> {
  const settings = (): SettingsPort => {
    if (services.settings === undefined) throw unavailable('Settings');
    return services.settings;
  };
  return {
    'settings:get': () => Promise.resolve(settings().get()),
    'settings:update': async ({ patch }) => settings().update(patch),
  };
}
