/** Settings channels. */
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import type { ConsoleServices } from './services';

/** Settings handlers. */
export function settingsHandlers({
  settings,
}: ConsoleServices): Pick<InvokeHandlerMap, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => Promise.resolve(settings.get()),
    'settings:update': async ({ patch }) => settings.update(patch),
  };
}
