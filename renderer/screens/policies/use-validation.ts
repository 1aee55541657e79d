/** Validates policy text against the core's schema as the operator types (debounced). */
import { useEffect, useState } from 'react';

import type { ValidationReport } from '../../../shared/contract/views';
import { errorMessage } from '../../../shared/contract/result';
import { useApi } from '../../store/store-context';

const DEBOUNCE_MS = 250;

/** The report for `text`, or null while the check runs. */
export function useValidation(text: string): { forText: string; report: ValidationReport } | null {
  const api = useApi();
  const [result, setResult] = useState<{ forText: string; report: ValidationReport } | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.validatePolicy(text).then(
        (report) => live && setResult({ forText: text, report }),
        (error: unknown) =>
          live &&
          setResult({
            forText: text,
            report: { valid: false, issues: [{ path: '', message: errorMessage(error) }] },
          }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, text]);
  return result?.forText === text ? result : null;
}
