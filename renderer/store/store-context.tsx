/** React access to the console store and API. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';

import type { ConsoleApi } from '../../shared/contract/api';
import type { ConsoleState, ConsoleStore } from './console-store';

const StoreContext = createContext<ConsoleStore | null>(null);

/** Provides the store to the tree. */
export function StoreProvider({ store, children }: { store: ConsoleStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useStoreApi(): ConsoleStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('StoreProvider is missing');
  return store;
}

/** Selects from the store; re-renders when the selected value changes (by Object.is). */
export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(useStoreApi(), selector);
}

/** The console API. */
export function useApi(): ConsoleApi {
  return useConsole((state) => state.api);
}
