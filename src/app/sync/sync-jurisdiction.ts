import Dexie from 'dexie';
import type { ReleaseVariant } from '../../core/release/records';
import { ReleaseManifestSchema, syncPaths } from '../../core/sync/protocol';
import { type Expected, ReleaseRejectedError } from '../../core/sync/verify';
import type { InstalledRelease, RutasDatabase, SyncProblem, SyncState, WhatChanged } from '../db/database';
import { learnAggregatesSwitch } from './aggregates';
import { type Connection, request, ServerUnreachableError } from './connection';
import { HeldReleaseChangedError, installChanges, installSnapshot } from './install';
import { releasePayload } from './payload';

/** What one check of a jurisdiction came to. */
export type SyncOutcome =
  | { jurisdictionId: string; status: 'up-to-date'; number?: number }
  | { jurisdictionId: string; status: 'updated'; number: number; from?: number }
  | { jurisdictionId: string; status: 'unreachable' }
  | { jurisdictionId: string; status: 'refused'; reason: SyncProblem };

interface Attempt {
  db: RutasDatabase;
  connection: Connection;
  jurisdictionId: string;
  cause?: WhatChanged['cause'];
}

/**
 * Brings one jurisdiction up to date: a conditional manifest request; when the server has a
 * newer release, the changes from the held one (when the device holds the same variant and
 * they verify), else the full snapshot; installed all or nothing. An enrolled device asks for
 * the enrolled variant with its token; a 401 there means it was revoked: it forgets the token
 * and installs the public release, so restricted records leave the phone.
 */
export async function syncJurisdiction(
  db: RutasDatabase,
  jurisdictionId: string,
  connection: Connection,
  cause?: WhatChanged['cause'],
): Promise<SyncOutcome> {
  const attempt: Attempt = { db, connection, jurisdictionId, ...(cause && { cause }) };
  try {
    return await check(attempt);
  } catch (error) {
    if (error instanceof ServerUnreachableError) return { jurisdictionId, status: 'unreachable' };
    // Another install (bundled, another tab) moved the held release: the next run starts from it.
    if (error instanceof HeldReleaseChangedError) return { jurisdictionId, status: 'unreachable' };
    if (error instanceof ReleaseRejectedError) return refuse(attempt, error.reason);
    if (error instanceof Dexie.DexieError || (error as { name?: string })?.name === 'QuotaExceededError') {
      console.warn(`The release of ${jurisdictionId} could not be saved`, error);
      return refuse(attempt, 'storage');
    }
    throw error;
  }
}

async function check(attempt: Attempt): Promise<SyncOutcome> {
  const { db, connection, jurisdictionId } = attempt;
  const [enrolment, held, state] = await Promise.all([
    db.enrolments.get(jurisdictionId),
    db.releases.get(jurisdictionId),
    db.syncStates.get(jurisdictionId),
  ]);
  const variant: ReleaseVariant = enrolment ? 'enrolled' : 'public';
  const paths = syncPaths(jurisdictionId, variant);
  const auth: Record<string, string> = enrolment ? { authorization: `Bearer ${enrolment.deviceToken}` } : {};
  const heldSameVariant = held?.variant === variant ? held : undefined;
  const etag = heldSameVariant && state?.etag?.variant === variant ? state.etag.value : undefined;

  const response = await request(connection, paths.manifest, {
    headers: { ...auth, ...(etag && { 'if-none-match': etag }) },
  });
  await learnAggregatesSwitch(db, jurisdictionId, response);
  if (response.status === 304) {
    await markChecked(attempt);
    return { jurisdictionId, status: 'up-to-date', ...(held && { number: held.number }) };
  }
  if (enrolment && response.status === 401) return revoked(attempt);
  if (response.status === 403) return refuse(attempt, 'forbidden');
  if (!response.ok) throw new ServerUnreachableError(`manifest: HTTP ${response.status}`);

  const parsed = ReleaseManifestSchema.safeParse(await releasePayload(response, 'manifest'));
  if (!parsed.success) throw new ReleaseRejectedError('malformed', parsed.error.message);
  const manifest = parsed.data;
  if (manifest.jurisdictionId !== jurisdictionId || manifest.variant !== variant) {
    throw new ReleaseRejectedError(
      'wrong-jurisdiction',
      `manifest of ${manifest.jurisdictionId} (${manifest.variant})`,
    );
  }
  const target = manifest.release.header.number;
  const newEtag = response.headers.get('etag');
  const etagToKeep = newEtag ? { variant, value: newEtag } : undefined;
  if (heldSameVariant && heldSameVariant.number >= target) {
    await markChecked(attempt, etagToKeep);
    return { jurisdictionId, status: 'up-to-date', number: heldSameVariant.number };
  }

  const expected: Expected = { jurisdictionId, variant, publicKey: connection.publicKey };
  const options = {
    now: connection.now(),
    ...(etagToKeep && { etag: etagToKeep }),
    ...(attempt.cause && { cause: attempt.cause }),
  };
  try {
    const installed =
      (heldSameVariant &&
        (await tryChanges(attempt, paths.changes(target, heldSameVariant.number), auth, expected, options))) ||
      (await installSnapshot(db, await fetchRelease(attempt, paths.snapshot(target), auth), expected, options));
    await markChecked(attempt);
    return { jurisdictionId, status: 'updated', number: installed.number, ...(held && { from: held.number }) };
  } catch (error) {
    if (error instanceof ReleaseRejectedError) return refuse(attempt, error.reason, target);
    throw error;
  }
}

/** The delta from the held release, or undefined when the server has none or it does not verify: the snapshot is the fallback. */
async function tryChanges(
  attempt: Attempt,
  path: string,
  auth: Record<string, string>,
  expected: Expected,
  options: Parameters<typeof installChanges>[3],
): Promise<InstalledRelease | undefined> {
  const response = await request(attempt.connection, path, { headers: auth });
  if (!response.ok) return undefined;
  try {
    return await installChanges(attempt.db, await releasePayload(response, 'changes'), expected, options);
  } catch (error) {
    if (error instanceof ReleaseRejectedError) {
      console.warn(`The changes for ${attempt.jurisdictionId} were refused; fetching the full release`, error);
      return undefined;
    }
    throw error;
  }
}

async function fetchRelease(attempt: Attempt, path: string, auth: Record<string, string>): Promise<unknown> {
  const response = await request(attempt.connection, path, { headers: auth });
  if (!response.ok) throw new ServerUnreachableError(`${path}: HTTP ${response.status}`);
  return releasePayload(response, 'release');
}

/** The device was revoked: forget the token, then install the public release in place of the enrolled one. */
async function revoked(attempt: Attempt): Promise<SyncOutcome> {
  await forgetEnrolment(attempt.db, attempt.jurisdictionId);
  return syncJurisdiction(attempt.db, attempt.jurisdictionId, attempt.connection, 'revoked');
}

/** Forgets this device's enrolment in a jurisdiction; its restricted records go at the next sync. */
export async function forgetEnrolment(db: RutasDatabase, jurisdictionId: string): Promise<void> {
  await db.transaction('rw', db.enrolments, db.syncStates, async () => {
    await db.enrolments.delete(jurisdictionId);
    await db.syncStates.update(jurisdictionId, { etag: undefined });
  });
}

async function updateState(db: RutasDatabase, jurisdictionId: string, change: (state: SyncState) => SyncState) {
  await db.transaction('rw', db.syncStates, async () => {
    const state = (await db.syncStates.get(jurisdictionId)) ?? { jurisdictionId };
    await db.syncStates.put(change(state));
  });
}

/** The server answered and the device holds its latest release. */
function markChecked({ db, connection, jurisdictionId }: Attempt, etag?: SyncState['etag']): Promise<void> {
  return updateState(db, jurisdictionId, ({ lastError: _solved, ...state }) => ({
    ...state,
    lastCheckedAt: connection.now().toISOString(),
    ...(etag && { etag }),
  }));
}

/** The release was refused: the old one stays, and the worker is told why. */
async function refuse(attempt: Attempt, reason: SyncProblem, releaseNumber?: number): Promise<SyncOutcome> {
  const at = attempt.connection.now().toISOString();
  await updateState(attempt.db, attempt.jurisdictionId, (state) => ({
    ...state,
    lastCheckedAt: at,
    lastError: { reason, at, ...(releaseNumber !== undefined && { releaseNumber }) },
  }));
  return { jurisdictionId: attempt.jurisdictionId, status: 'refused', reason };
}
