import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, type DependencyList, type ReactNode, useContext, useEffect, useState } from 'react';
import type { StartedStore } from './start';
import type { JurisdictionHandbook, SettingKey } from './types';

const StoreContext = createContext<StartedStore | null>(null);

export function HandbookStoreProvider({ value, children }: { value: StartedStore; children: ReactNode }) {
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>;
}

export function useHandbookStore(): StartedStore {
  const opened = useContext(StoreContext);
  if (!opened) throw new Error('useHandbookStore needs a HandbookStoreProvider');
  return opened;
}

/**
 * The result of a store query; undefined until it first answers. Over the device database
 * it is a live query (a newly installed release re-renders the screen); over the in-memory
 * fallback it answers once — Dexie's live queries never run without IndexedDB.
 */
function useStoreQuery<T>(query: () => Promise<T>, deps: DependencyList, initial?: T): T | undefined {
  const { db } = useHandbookStore();
  const live = useLiveQuery(() => (db ? query() : undefined), [db, ...deps], initial);
  const once = useQueryOnce(db ? undefined : query, deps);
  const answer = db ? live : once;
  return answer === undefined ? initial : answer;
}

function useQueryOnce<T>(query: (() => Promise<T>) | undefined, deps: DependencyList): T | undefined {
  const key = JSON.stringify(deps);
  const [result, setResult] = useState<{ key: string; value: T }>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps identify the query
  useEffect(() => {
    if (!query) return;
    let current = true;
    query().then((value) => current && setResult({ key, value }), console.error);
    return () => {
      current = false;
    };
  }, [key]);
  return result?.key === key ? result.value : undefined;
}

/** The jurisdictions on this device; undefined while loading. */
export function useJurisdictions() {
  const { store } = useHandbookStore();
  return useStoreQuery(() => store.jurisdictions(), ['jurisdictions']);
}

/** A jurisdiction's handbook, kept current as releases are installed; undefined while loading, null if absent. */
export function useHandbook(jurisdictionId: string): JurisdictionHandbook | null | undefined {
  const { store, initialHandbook } = useHandbookStore();
  const initial = initialHandbook?.jurisdiction.id === jurisdictionId ? initialHandbook : undefined;
  return useStoreQuery(() => store.handbook(jurisdictionId), ['handbook', jurisdictionId], initial);
}

export function useInstalledReleases() {
  const { store } = useHandbookStore();
  return useStoreQuery(() => store.releases(), ['releases']);
}

/** A device setting; `[value, loaded]` so callers can tell "not set" from "still loading". */
export function useSetting<T>(key: SettingKey): [T | undefined, boolean] {
  const { store } = useHandbookStore();
  const result = useStoreQuery(async () => ({ value: await store.setting<T>(key) }), ['setting', key]);
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
