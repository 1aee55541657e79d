/** Closing or reloading the console tab with unsaved policy changes asks the browser's own question. */
import { useEffect } from 'react';

import { isDirty } from '../../store/policy-draft-state';
import { useConsole } from '../../store/store-context';

/** Installs a `beforeunload` guard while the policy draft has unsaved changes. */
export function useBeforeUnloadGuard(): void {
  const dirty = useConsole((s) => isDirty(s.policyDraft));
  useEffect(() => {
    if (!dirty) return undefined;
    const guard = (event: BeforeUnloadEvent) => {
      // The standard way to ask (Chromium 119+, so both the browser console and Electron).
      event.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [dirty]);
}
