/** What the console needs from server profiles (see `profiles-adapter.ts` for the mapping). */
import type { ServerProfileInput } from '../../shared/contract/schemas';
import type { ConnectionTestResult, ServerProfileView } from '../../shared/contract/views';
import type { MaybePromise } from './policy-port';

/** Server profiles as the console edits them. */
export interface ProfilesPort {
  list(): MaybePromise<readonly ServerProfileView[]>;
  /**
   * Saves an edit of `previousName` (renaming it when the name changed), or a new profile. A new profile
   * over an existing name is refused unless `overwrite` (the operator confirmed replacing it).
   */
  save(profile: ServerProfileInput, previousName: string | null, overwrite: boolean): MaybePromise<void>;
  remove(name: string): MaybePromise<void>;
  /** Starts the upstream, lists its tools, stops it. */
  test(name: string): MaybePromise<ConnectionTestResult>;
}
