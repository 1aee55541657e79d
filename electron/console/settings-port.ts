/** What the console needs from settings (see `settings-adapter.ts` for the mapping). */
import type { InvokeRequest } from '../../shared/contract/channels';
import type { SettingsView } from '../../shared/contract/views';
import type { MaybePromise } from './policy-port';

/** Operator settings. */
export interface SettingsPort {
  get(): SettingsView;
  update(patch: InvokeRequest<'settings:update'>['patch']): MaybePromise<SettingsView>;
  subscribe(listener: (settings: SettingsView) => void): () => void;
}
