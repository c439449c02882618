import type { HandbookRecord, ReleaseVariant } from '../../core/release/records';
import type { ReleaseChanges, ReleaseSnapshot } from '../../core/sync/protocol';
import type { Storage } from '../storage/types';

async function recordsOf(storage: Storage, hashes: Record<string, string>, keys: string[]): Promise<HandbookRecord[]> {
  const byHash = await storage.records(keys.map((key) => hashes[key] as string));
  return keys.map((key) => {
    const record = byHash.get(hashes[key] as string);
    if (!record) throw new Error(`The store lacks record ${key} (${hashes[key]})`);
    return record;
  });
}

/** Every record of a release, in key order; undefined when there is no such release. */
export async function releaseSnapshot(
  storage: Storage,
  jurisdictionId: string,
  number: number,
  variant: ReleaseVariant,
): Promise<ReleaseSnapshot | undefined> {
  const stored = await storage.release(jurisdictionId, number, variant);
  if (!stored) return undefined;
  const hashes = await storage.recordHashes(jurisdictionId, number, variant);
  return { release: stored.release, records: await recordsOf(storage, hashes, Object.keys(hashes).sort()) };
}

/** The records that differ from release `from` to release `number`, and the keys removed; undefined when either is missing. */
export async function releaseChanges(
  storage: Storage,
  jurisdictionId: string,
  number: number,
  from: number,
  variant: ReleaseVariant,
): Promise<ReleaseChanges | undefined> {
  const [target, base] = await Promise.all([
    storage.release(jurisdictionId, number, variant),
    storage.release(jurisdictionId, from, variant),
  ]);
  if (!target || !base) return undefined;
  const [after, before] = await Promise.all([
    storage.recordHashes(jurisdictionId, number, variant),
    storage.recordHashes(jurisdictionId, from, variant),
  ]);
  const changedKeys = Object.keys(after)
    .filter((key) => before[key] !== after[key])
    .sort();
  const removed = Object.keys(before)
    .filter((key) => !(key in after))
    .sort();
  return {
    release: target.release,
    from: { number: base.number, stateHash: base.stateHash },
    changed: await recordsOf(storage, after, changedKeys),
    removed,
  };
}
