import Dexie from 'dexie';
import { RutasDatabase } from '../db/database';
import { DexieHandbookStore } from './dexie-store';
import type { HandbookStore, StorageProblem } from './types';

export interface OpenedStore {
  store: HandbookStore;
  /** Set when the device database could not be used and the bundled handbooks are read from memory. */
  problem?: StorageProblem;
  db?: RutasDatabase;
  /** Settles when the bundled releases are installed: the sync engine waits for it, so the two never race. */
  bundledInstalled?: Promise<void>;
}

/**
 * Opens the device database and installs any bundled release the device does not hold
 * yet — before the first screen when the device holds nothing, in the background once
 * `backgroundAfter` settles otherwise. When IndexedDB is unavailable or full, falls back to the bundled handbooks
 * in memory so the worker can still read them. Every bundled snapshot is verified against
 * the pinned public key first.
 */
export async function openHandbookStore(
  db = new RutasDatabase(),
  publicKey: string = __RUTAS_PUBLIC_KEY__,
  /** Background installation waits for it (the first screen, in the app). */
  backgroundAfter: Promise<void> = Promise.resolve(),
): Promise<OpenedStore> {
  try {
    await db.open();
    let bundledInstalled: Promise<void>;
    if ((await db.releases.count()) === 0) {
      await (await bundledInstall()).installBundledReleases(db, publicKey);
      bundledInstalled = Promise.resolve();
    } else {
      bundledInstalled = backgroundAfter.then(
        () =>
          new Promise((resolve) =>
            whenIdle(() =>
              bundledInstall()
                .then(({ installBundledReleases }) => installBundledReleases(db, publicKey))
                .catch((error) => console.warn('Bundled handbooks were not installed', error))
                .finally(resolve),
            ),
          ),
      );
    }
    return { store: new DexieHandbookStore(db), db, bundledInstalled };
  } catch (error) {
    if (!(error instanceof Dexie.DexieError) && (error as { name?: string })?.name !== 'QuotaExceededError')
      throw error;
    db.close();
    const store = await (await bundledInstall()).openBundledMemoryStore(publicKey);
    return { store, problem: storageProblemOf(error) };
  }
}

/**
 * Verifying and installing bundled releases needs the release schemas and crypto; a device
 * that already holds its handbooks does that after the first screen, so it loads apart.
 */
const bundledInstall = () => import('./bundled-install');

/** Later work that must not compete with the first screen for a slow phone's only busy core. */
function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(work, { timeout: 5_000 });
  else setTimeout(work, 100);
}

function storageProblemOf(error: unknown): StorageProblem {
  const names = [error, (error as { inner?: unknown })?.inner].map((e) => (e as { name?: string })?.name);
  return names.includes('QuotaExceededError') ? 'quota' : 'unavailable';
}
