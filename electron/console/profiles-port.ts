/** What the console needs from server profiles (see `profiles-adapter.ts` for the mapping). */
import type { ServerProfileInput } from '../../shared/contract/schemas';
import type { ConnectionTestResult, ServerProfileView } from '../../shared/contract/views';
import type { MaybePromise } from './policy-port';

/** Server profiles as the console edits them. */
export interface ProfilesPort {
  list(): MaybePromise<readonly ServerProfileView[]>;
  /** Adds or replaces a profile (renaming from `previousName` when given). */
  save(profile: ServerProfileInput, previousName: string | null): MaybePromise<void>;
  remove(name: string): MaybePromise<void>;
  /** Starts the upstream, lists its tools, stops it. */
  test(name: string): MaybePromise<ConnectionTestResult>;
}
