import Dexie from 'dexie';
import type { BundledReleaseEntry } from '../../core/release/release';
import { type VerifiedRelease, verifySnapshot } from '../../core/sync/verify';
import type { InstalledRelease, RutasDatabase } from '../db/database';
import { HeldReleaseChangedError, installSnapshot } from '../sync/install';
import { fetchBundledIndex, fetchBundledSnapshot } from './bundled-releases';
import { MemoryHandbookStore } from './memory-store';

/** Installs the releases bundled with the app that are newer than what the device holds, each verified first. */
export async function installBundledReleases(db: RutasDatabase, publicKey: string): Promise<void> {
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

/** Without a usable device database: the verified bundled handbooks, read from memory. */
export async function openBundledMemoryStore(publicKey: string): Promise<MemoryHandbookStore> {
  return new MemoryHandbookStore(await loadAllBundledSnapshots(publicKey));
}
