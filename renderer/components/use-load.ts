/**
 * Loads data from the API for a screen, with the three states every screen designs for: loading,
 * error (with the message), ready. `key` names what is loaded; a new key loads again.
 */
import { useCallback, useEffect, useState } from 'react';

import { errorMessage } from '../../shared/contract/result';
import { useConsole } from '../store/store-context';

/** What a loader is showing. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly value: T };

/** Loads `load()` whenever `key` changes, `reload` is called, or the console reconnects to the core. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> & { reload: () => void } {
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<{ for: string; loaded: Loaded<T> } | null>(null);
  const epoch = useConsole((s) => s.connectionEpoch);
  const tag = `${key}#${round}#${epoch}`;
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ for: tag, loaded: { state: 'ready', value } }),
      (error: unknown) =>
        live && setResult({ for: tag, loaded: { state: 'error', message: errorMessage(error) } }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `tag` says when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tag]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const loaded: Loaded<T> = result?.for === tag ? result.loaded : { state: 'loading' };
  return { ...loaded, reload };
}

/** Runs an action, keeping its busy flag, error and last success message for display. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    async <T>(action: () => Promise<T>, success?: (value: T) => string): Promise<T | null> => {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        const value = await action();
        if (success !== undefined) setDone(success(value));
        return value;
      } catch (caught) {
        setError(errorMessage(caught));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, done, run };
}
