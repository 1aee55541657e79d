/** Runs one decision call at a time and keeps its error for display; the queue push does the rest. */
import { useCallback, useState } from 'react';

import type { DecideResult } from '../../../shared/approvals/types';
import { errorMessage } from '../../../shared/contract/result';

/** Busy flag, last error, and a runner for decision calls. */
export function useDecide() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (call: () => Promise<DecideResult | readonly DecideResult[]>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const result = await call();
        const failures = (Array.isArray(result) ? result : [result]) as readonly DecideResult[];
        const messages = failures.flatMap((r) => (r.ok ? [] : [r.message]));
        if (messages.length > 0) setError(messages.join(' '));
        return messages.length === 0;
      } catch (caught) {
        setError(errorMessage(caught));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, run, clearError: () => setError(null) };
}
