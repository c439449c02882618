import Dexie from 'dexie';
import type { BundledReleaseEntry } from '../../core/release/release';
import { type VerifiedRelease, verifySnapshot } from '../../core/sync/verify';
import { type InstalledRelease, RutasDatabase } from '../db/database';
import { HeldReleaseChangedError, installSnapshot } from '../sync/install';
import { fetchBundledIndex, fetchBundledSnapshot } from './bundled-releases';
import { DexieHandbookStore } from './dexie-store';
import { MemoryHandbookStore } from './memory-store';
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
 * yet — before the first screen when the device holds nothing, in the background
 * otherwise. When IndexedDB is unavailable or full, falls back to the bundled handbooks
 * in memory so the worker can still read them. Every bundled snapshot is verified against
 * the pinned public key first.
 */
export async function openHandbookStore(
  db = new RutasDatabase(),
  publicKey: string = __RUTAS_PUBLIC_KEY__,
): Promise<OpenedStore> {
  try {
    await db.open();
    let bundledInstalled: Promise<void>;
    if ((await db.releases.count()) === 0) {
      await installBundledReleases(db, publicKey);
      bundledInstalled = Promise.resolve();
    } else {
      bundledInstalled = new Promise((resolve) =>
        whenIdle(() =>
          installBundledReleases(db, publicKey)
            .catch((error) => console.warn('Bundled handbooks were not installed', error))
            .finally(resolve),
        ),
      );
    }
    return { store: new DexieHandbookStore(db), db, bundledInstalled };
  } catch (error) {
    if (!(error instanceof Dexie.DexieError) && (error as { name?: string })?.name !== 'QuotaExceededError')
      throw error;
    db.close();
    const snapshots = await loadAllBundledSnapshots(publicKey);
    return { store: new MemoryHandbookStore(snapshots), problem: storageProblemOf(error) };
  }
}

/** Later work that must not compete with the first screen for a slow phone's only busy core. */
function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(work, { timeout: 5_000 });
  else setTimeout(work, 100);
}

async function installBundledReleases(db: RutasDatabase, publicKey: string): Promise<void> {
  const index = await fetchBundledIndex();
  const installed = new Map((await db.releases.toArray()).map((r) => [r.jurisdictionId, r]));
  const outdated = index.releases.filter((entry) => isNewer(entry, installed.get(entry.jurisdictionId)));
  for (const entry of outdated) {
    try {
      await installSnapshot(db, await fetchBundledSnapshot(entry.file), {
        jurisdictionId: entry.jurisdictionId,
        variant: 'public',
        publicKey,
      });
    } catch (error) {
      // Storage errors propagate: they decide whether the device database is usable at all.
      if (error instanceof Dexie.DexieError || (error as { name?: string })?.name === 'QuotaExceededError') throw error;
      // Another install got there first: the engine's next run takes it from there.
      if (error instanceof HeldReleaseChangedError) continue;
      // One bad handbook must not keep the others off the phone.
      console.warn(`The bundled handbook of ${entry.jurisdictionId} was refused`, error);
    }
  }
}

/**
 * Whether a bundled (public) release should replace what the device holds. An enrolled
 * release is never replaced by a bundled one: that would drop the restricted records the
 * worker was given; the sync engine updates it.
 */
function isNewer(entry: BundledReleaseEntry, held: InstalledRelease | undefined): boolean {
  if (!held) return true;
  if (held.variant !== 'public') return false;
  return entry.number > held.number || (entry.number === held.number && entry.stateHash !== held.stateHash);
}

/** A bundled snapshot verified for the in-memory store, or undefined when it is refused. */
async function verifiedBundledSnapshot(
  entry: BundledReleaseEntry,
  publicKey: string,
): Promise<VerifiedRelease | undefined> {
  try {
    return await verifySnapshot(await fetchBundledSnapshot(entry.file), {
      jurisdictionId: entry.jurisdictionId,
      variant: 'public',
      publicKey,
    });
  } catch (error) {
    console.warn(`The bundled handbook of ${entry.jurisdictionId} was refused`, error);
    return undefined;
  }
}

async function loadAllBundledSnapshots(publicKey: string): Promise<VerifiedRelease[]> {
  const index = await fetchBundledIndex();
  const snapshots = await Promise.all(index.releases.map((entry) => verifiedBundledSnapshot(entry, publicKey)));
  return snapshots.filter((snapshot): snapshot is VerifiedRelease => snapshot !== undefined);
}

function storageProblemOf(error: unknown): StorageProblem {
  const names = [error, (error as { inner?: unknown })?.inner].map((e) => (e as { name?: string })?.name);
  return names.includes('QuotaExceededError') ? 'quota' : 'unavailable';
}
