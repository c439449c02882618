import { type HandbookRecord, type RecordHashes, type ReleaseVariant, recordHash, stateHash } from '../release/records';
import { type SignedReleaseHeader, verifyReleaseHeader } from '../release/signature';
import { type ReleaseChanges, ReleaseChangesSchema, type ReleaseSnapshot, ReleaseSnapshotSchema } from './protocol';

/** Why a device refused a release; each has a sentence for the worker in locales/. */
export type RejectionReason =
  | 'malformed'
  | 'wrong-jurisdiction'
  | 'not-newer'
  | 'base-mismatch'
  | 'signature'
  | 'state-hash';

export class ReleaseRejectedError extends Error {
  constructor(
    readonly reason: RejectionReason,
    detail: string,
  ) {
    super(`Release refused (${reason}): ${detail}`);
    this.name = 'ReleaseRejectedError';
  }
}

export interface Expected {
  jurisdictionId: string;
  variant: ReleaseVariant;
  publicKey: string;
}

/** The release a device holds, as much as verification needs of it. */
export interface HeldRelease {
  number: number;
  stateHash: string;
  recordHashes: RecordHashes;
}

export interface VerifiedRelease {
  release: SignedReleaseHeader;
  /** key → hash of every record of the release, as the device will hold it. */
  recordHashes: RecordHashes;
  /** The records to write: all of them for a snapshot, the changed ones for changes. */
  records: HandbookRecord[];
  removed: string[];
}

async function checkHeader(release: SignedReleaseHeader, expected: Expected): Promise<void> {
  const { header } = release;
  if (header.jurisdictionId !== expected.jurisdictionId || header.variant !== expected.variant) {
    throw new ReleaseRejectedError(
      'wrong-jurisdiction',
      `expected ${expected.jurisdictionId} (${expected.variant}), got ${header.jurisdictionId} (${header.variant})`,
    );
  }
  if (!(await verifyReleaseHeader(release, expected.publicKey))) {
    throw new ReleaseRejectedError('signature', `release ${header.number} is not signed by the pinned key`);
  }
}

async function checkState(release: SignedReleaseHeader, hashes: RecordHashes): Promise<void> {
  const count = Object.keys(hashes).length;
  if (count !== release.header.recordCount) {
    throw new ReleaseRejectedError('state-hash', `${count} records, the release has ${release.header.recordCount}`);
  }
  if ((await stateHash(hashes)) !== release.header.stateHash) {
    throw new ReleaseRejectedError('state-hash', 'the content does not match the signed state hash');
  }
}

function parse<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
  payload: unknown,
): T {
  const result = schema.safeParse(payload);
  if (!result.success) throw new ReleaseRejectedError('malformed', result.error.message);
  return result.data;
}

async function hashAll(records: readonly HandbookRecord[], into: RecordHashes): Promise<void> {
  const hashes = await Promise.all(records.map((record) => recordHash(record.body)));
  records.forEach((record, i) => {
    into[record.key] = hashes[i] as string;
  });
}

/** A full release, accepted only when signed by the pinned key and hashing to its signed state. */
export async function verifySnapshot(payload: unknown, expected: Expected): Promise<VerifiedRelease> {
  const snapshot = parse(ReleaseSnapshotSchema, payload) as ReleaseSnapshot;
  await checkHeader(snapshot.release, expected);
  const keys = new Set(snapshot.records.map((r) => r.key));
  if (keys.size !== snapshot.records.length) throw new ReleaseRejectedError('malformed', 'a record appears twice');
  const hashes: RecordHashes = {};
  await hashAll(snapshot.records, hashes);
  await checkState(snapshot.release, hashes);
  return { release: snapshot.release, recordHashes: hashes, records: snapshot.records, removed: [] };
}

/**
 * The changes from the held release to a newer one, accepted only when applying them to
 * what the device holds gives exactly the signed state.
 */
export async function verifyChanges(payload: unknown, held: HeldRelease, expected: Expected): Promise<VerifiedRelease> {
  const changes = parse(ReleaseChangesSchema, payload) as ReleaseChanges;
  await checkHeader(changes.release, expected);
  if (changes.release.header.number <= held.number) {
    throw new ReleaseRejectedError(
      'not-newer',
      `release ${changes.release.header.number} is not newer than ${held.number}`,
    );
  }
  if (changes.from.number !== held.number || changes.from.stateHash !== held.stateHash) {
    throw new ReleaseRejectedError(
      'base-mismatch',
      `changes from ${changes.from.number}, the device holds ${held.number}`,
    );
  }
  const hashes: RecordHashes = { ...held.recordHashes };
  for (const key of changes.removed) delete hashes[key];
  await hashAll(changes.changed, hashes);
  await checkState(changes.release, hashes);
  return { release: changes.release, recordHashes: hashes, records: changes.changed, removed: changes.removed };
}
