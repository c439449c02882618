/**
 * Injected into the app's page after the search box was measured: times the pieces under the
 * directory screen with the app's own code — reading a handbook from IndexedDB through the
 * app's Dexie store, building the search index, and the pure ProviderDirectory.search.
 */
import en from '../../../locales/en/translation.json';
import es from '../../../locales/es/translation.json';
import { RutasDatabase } from '../../../src/app/db/database';
import { DexieHandbookStore } from '../../../src/app/handbook/dexie-store';
import type { Provider, ServiceType } from '../../../src/core/handbook/schema';
import { ProviderDirectory } from '../../../src/core/search/provider-directory';

export interface LoadTiming {
  /** DexieHandbookStore.handbook(): jurisdiction, providers, routes, checklists in one transaction. */
  readMs: number;
  /** new ProviderDirectory(providers, vocabulary): the MiniSearch index of the directory. */
  indexMs: number;
  providers: number;
}

export interface PureSearchTiming {
  text: string;
  /** Median over the repeats of one ProviderDirectory.search call. */
  ms: number;
  hits: number;
}

export interface DirectoryProbe {
  load(jurisdictionId: string): Promise<LoadTiming>;
  search(texts: string[], repeats: number, language: string): PureSearchTiming[];
}

declare global {
  interface Window {
    __rutasDirectoryProbe?: DirectoryProbe;
  }
}

/** The words the app indexes for a service type: its label in both interface languages. */
const vocabulary = (type: ServiceType) =>
  [es, en].map((t) => (t.serviceType as Record<string, string>)[type] ?? `serviceType.${type}`);

let loaded: { providers: Provider[]; directory: ProviderDirectory; timeZone: string } | undefined;

const medianOf = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] as number) + (sorted[Math.ceil(middle)] as number)) / 2;
};

window.__rutasDirectoryProbe = {
  async load(jurisdictionId) {
    const db = new RutasDatabase();
    try {
      const readStart = performance.now();
      const handbook = await new DexieHandbookStore(db).handbook(jurisdictionId);
      const readMs = performance.now() - readStart;
      if (!handbook) throw new Error(`${jurisdictionId} is not installed on this device`);
      const indexStart = performance.now();
      const directory = new ProviderDirectory(handbook.providers, vocabulary);
      const indexMs = performance.now() - indexStart;
      loaded = { providers: handbook.providers, directory, timeZone: handbook.jurisdiction.timeZone };
      return { readMs, indexMs, providers: handbook.providers.length };
    } finally {
      db.close();
    }
  },

  search(texts, repeats, language) {
    if (!loaded) throw new Error('load() first');
    const { directory, timeZone } = loaded;
    return texts.map((text) => {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        hits = directory.search({ text }, { timeZone, now: new Date(), language }).length;
        times.push(performance.now() - start);
      }
      return { text, ms: medianOf(times), hits };
    });
  },
};
