import Dexie from 'dexie';
import type { Release, ReleaseIndexEntry } from '../../core/release/release';
import { RutasDatabase } from '../db/database';
import { fetchBundledIndex, fetchBundledRelease } from './bundled-releases';
import { DexieHandbookStore, installRelease } from './dexie-store';
import { MemoryHandbookStore } from './memory-store';
import type { HandbookStore, StorageProblem } from './types';

export interface OpenedStore {
  store: HandbookStore;
  /** Set when the device database could not be used and the bundled handbooks are read from memory. */
  problem?: StorageProblem;
  db?: RutasDatabase;
}

/**
 * Opens the device database and installs any bundled sample release the device does not
 * hold yet — before the first screen when the device holds nothing, in the background
 * otherwise. When IndexedDB is unavailable or full, falls back to the bundled handbooks
 * in memory so the worker can still read them.
 */
export async function openHandbookStore(db = new RutasDatabase()): Promise<OpenedStore> {
  try {
    await db.open();
    if ((await db.releases.count()) === 0) await installBundledReleases(db);
    else
      whenIdle(() =>
        installBundledReleases(db).catch((error) => console.warn('Bundled handbooks were not installed', error)),
      );
    return { store: new DexieHandbookStore(db), db };
  } catch (error) {
    if (!(error instanceof Dexie.DexieError) && (error as { name?: string })?.name !== 'QuotaExceededError')
      throw error;
    db.close();
    const releases = await loadAllBundledReleases();
    return { store: new MemoryHandbookStore(releases), problem: storageProblemOf(error) };
  }
}

/** Later work that must not compete with the first screen for a slow phone's only busy core. */
function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(work, { timeout: 5_000 });
  else setTimeout(work, 100);
}

async function installBundledReleases(db: RutasDatabase): Promise<void> {
  const index = await fetchBundledIndex();
  const installed = new Map((await db.releases.toArray()).map((r) => [r.jurisdictionId, r]));
  const outdated = index.releases.filter((entry) => isNewer(entry, installed.get(entry.jurisdictionId)));
  for (const entry of outdated) {
    const release = await fetchAcceptedRelease(entry);
    // Storage errors propagate: they decide whether the device database is usable at all.
    if (release) await installRelease(db, release);
  }
}

/** A bundled release, or undefined when it is refused: one bad handbook must not keep the others off the phone. */
async function fetchAcceptedRelease(entry: ReleaseIndexEntry): Promise<Release | undefined> {
  try {
    return await fetchBundledRelease(entry.file);
  } catch (error) {
    console.warn(`The bundled handbook of ${entry.jurisdictionId} was refused`, error);
    return undefined;
  }
}

function isNewer(entry: ReleaseIndexEntry, installed: { number: number; contentHash: string } | undefined): boolean {
  if (!installed) return true;
  return (
    entry.number > installed.number ||
    (entry.number === installed.number && entry.contentHash !== installed.contentHash)
  );
}

async function loadAllBundledReleases(): Promise<Release[]> {
  const index = await fetchBundledIndex();
  const releases = await Promise.all(index.releases.map(fetchAcceptedRelease));
  return releases.filter((release): release is Release => release !== undefined);
}

function storageProblemOf(error: unknown): StorageProblem {
  const names = [error, (error as { inner?: unknown })?.inner].map((e) => (e as { name?: string })?.name);
  return names.includes('QuotaExceededError') ? 'quota' : 'unavailable';
}
