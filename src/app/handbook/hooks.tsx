import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, type ReactNode, useContext } from 'react';
import type { OpenedStore } from './open-store';
import type { JurisdictionHandbook, SettingKey } from './types';

const StoreContext = createContext<OpenedStore | null>(null);

export function HandbookStoreProvider({ value, children }: { value: OpenedStore; children: ReactNode }) {
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>;
}

export function useHandbookStore(): OpenedStore {
  const opened = useContext(StoreContext);
  if (!opened) throw new Error('useHandbookStore needs a HandbookStoreProvider');
  return opened;
}

/** The jurisdictions on this device; undefined while loading. */
export function useJurisdictions() {
  const { store } = useHandbookStore();
  return useLiveQuery(() => store.jurisdictions(), [store]);
}

/** A jurisdiction's handbook, kept current as releases are installed; undefined while loading, null if absent. */
export function useHandbook(jurisdictionId: string): JurisdictionHandbook | null | undefined {
  const { store } = useHandbookStore();
  return useLiveQuery(() => store.handbook(jurisdictionId), [store, jurisdictionId]);
}

export function useInstalledReleases() {
  const { store } = useHandbookStore();
  return useLiveQuery(() => store.releases(), [store]);
}

/** A device setting; `[value, loaded]` so callers can tell "not set" from "still loading". */
export function useSetting<T>(key: SettingKey): [T | undefined, boolean] {
  const { store } = useHandbookStore();
  const result = useLiveQuery(async () => ({ value: await store.setting<T>(key) }), [store, key]);
  return [result?.value, result !== undefined];
}

const CurrentHandbookContext = createContext<JurisdictionHandbook | null>(null);

export function CurrentHandbookProvider({ value, children }: { value: JurisdictionHandbook; children: ReactNode }) {
  return <CurrentHandbookContext.Provider value={value}>{children}</CurrentHandbookContext.Provider>;
}

/** The handbook of the jurisdiction in the URL, for screens under /j/:jurisdictionId. */
export function useCurrentHandbook(): JurisdictionHandbook {
  const handbook = useContext(CurrentHandbookContext);
  if (!handbook) throw new Error('useCurrentHandbook is only available under /j/:jurisdictionId');
  return handbook;
}
