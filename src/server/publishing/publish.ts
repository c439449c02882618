import type { Handbook } from '../../core/handbook/schema';
import { describeChanges, recordsByKey } from '../../core/release/changes';
import { handbookRecords } from '../../core/release/publication';
import { RELEASE_VARIANTS, recordHashes, stateHash } from '../../core/release/records';
import { RELEASE_FORMAT, signReleaseHeader } from '../../core/release/signature';
import type { NewRelease, ReleaseNote, Storage } from '../storage/types';
import { releaseRecords } from './release-content';
import { ensureSigningKey, importPrivateKey } from './signing-key';

export type PublishOutcome =
  | { status: 'created'; number: number; release: NewRelease }
  | { status: 'unchanged'; number: number };

/**
 * Publishes a validated handbook as the jurisdiction's next release: both variants, each
 * with record hashes, a state hash, a changelog and an Ed25519 signature, written in one
 * transaction, with the coordinator's note when there is one. Content equal to the latest
 * release creates nothing.
 */
export async function publishHandbook(
  storage: Storage,
  handbook: Handbook,
  now = new Date(),
  note?: ReleaseNote,
): Promise<PublishOutcome> {
  const jurisdictionId = handbook.jurisdiction.id;
  const key = await ensureSigningKey(storage);
  const privateKey = await importPrivateKey(key);
  const publishedAt = now.toISOString();

  const drafts = await Promise.all(
    RELEASE_VARIANTS.map(async (variant) => {
      const records = handbookRecords(handbook, variant);
      const hashes = await recordHashes(records);
      return { variant, records, hashes, stateHash: await stateHash(hashes) };
    }),
  );
  // Both variants of the latest release, read by its number: a release another process commits
  // meanwhile is then seen whole or not at all, never one variant of it.
  const latestNumber = (await storage.latestRelease(jurisdictionId, 'enrolled'))?.number;
  const previous = await Promise.all(
    RELEASE_VARIANTS.map((variant) =>
      latestNumber === undefined ? undefined : releaseRecords(storage, jurisdictionId, latestNumber, variant),
    ),
  );
  const unchanged = drafts.every((draft, i) => previous[i]?.stateHash === draft.stateHash);
  if (unchanged && previous[0]) return { status: 'unchanged', number: previous[0].number };

  const number = (latestNumber ?? 0) + 1;
  const release: NewRelease = {
    jurisdictionId,
    number,
    publishedAt,
    variants: await Promise.all(
      drafts.map(async (draft, i) => ({
        variant: draft.variant,
        release: await signReleaseHeader(
          {
            format: RELEASE_FORMAT,
            jurisdictionId,
            number,
            variant: draft.variant,
            publishedAt,
            stateHash: draft.stateHash,
            recordCount: draft.records.length,
            keyId: key.id,
          },
          privateKey,
        ),
        changelog: describeChanges(previous[i]?.records ?? new Map(), recordsByKey(draft.records)),
        records: draft.records.map((record) => ({ record, hash: draft.hashes[record.key] as string })),
      })),
    ),
    ...(note && { note }),
  };
  await storage.insertRelease(release);
  return { status: 'created', number, release };
}
