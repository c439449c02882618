import type { HandbookRecord, ReleaseVariant } from '../../core/release/records';
import type { Storage } from '../storage/types';

/** The records a variant of a release holds, to tell what a new release changes. */
export async function releaseRecords(
  storage: Storage,
  jurisdictionId: string,
  number: number,
  variant: ReleaseVariant,
): Promise<{ number: number; stateHash: string; records: Map<string, HandbookRecord> } | undefined> {
  const stored = await storage.release(jurisdictionId, number, variant);
  if (!stored) return undefined;
  const hashes = await storage.recordHashes(jurisdictionId, number, variant);
  const byHash = await storage.records(Object.values(hashes));
  const records = new Map(
    Object.entries(hashes).map(([key, hash]) => [key, byHash.get(hash) as HandbookRecord] as const),
  );
  return { number, stateHash: stored.stateHash, records };
}
