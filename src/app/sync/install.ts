import type Dexie from 'dexie';
import { describeChanges } from '../../core/release/changes';
import { type HandbookRecord, parseRecordKey } from '../../core/release/records';
import {
  type Expected,
  ReleaseRejectedError,
  type VerifiedRelease,
  verifyChanges,
  verifySnapshot,
} from '../../core/sync/verify';
import {
  type InstalledRelease,
  type RutasDatabase,
  releaseTables,
  type SyncState,
  type WhatChanged,
} from '../db/database';

/** The held release changed while a new one was being verified (another tab, the bundled install): nothing was written. */
export class HeldReleaseChangedError extends Error {
  constructor(jurisdictionId: string) {
    super(`The release held for ${jurisdictionId} changed during verification; nothing was installed`);
    this.name = 'HeldReleaseChangedError';
  }
}

export interface InstallOptions {
  now?: Date;
  /** The manifest ETag naming this release, stored with it so the next check can be a 304. */
  etag?: SyncState['etag'];
  cause?: WhatChanged['cause'];
}

/**
 * Verifies a full release and installs it all or nothing. A snapshot older than the release
 * held of the same variant is refused (a server must not roll a phone back); the same
 * release again installs nothing.
 */
export async function installSnapshot(
  db: RutasDatabase,
  payload: unknown,
  expected: Expected,
  options: InstallOptions = {},
): Promise<InstalledRelease> {
  const held = await db.releases.get(expected.jurisdictionId);
  // WebCrypto runs before the transaction: an await on a foreign promise inside it would commit it early.
  const verified = await verifySnapshot(payload, expected);
  const { header } = verified.release;
  if (held && held.variant === header.variant) {
    if (header.number < held.number) {
      throw new ReleaseRejectedError('not-newer', `release ${header.number} is older than the held ${held.number}`);
    }
    if (header.number === held.number && header.stateHash === held.stateHash) return held;
  }
  return commitRelease(db, verified, held, 'snapshot', options);
}

/** Verifies the changes from the held release to a newer one against what the device holds, and applies them all or nothing. */
export async function installChanges(
  db: RutasDatabase,
  payload: unknown,
  expected: Expected,
  options: InstallOptions = {},
): Promise<InstalledRelease> {
  const held = await db.releases.get(expected.jurisdictionId);
  if (!held || held.variant !== expected.variant) {
    throw new ReleaseRejectedError(
      'base-mismatch',
      `the device holds no ${expected.variant} release to apply changes to`,
    );
  }
  const verified = await verifyChanges(payload, held, expected);
  return commitRelease(db, verified, held, 'changes', options);
}

/**
 * Writes a verified release in ONE transaction: re-checks that the held release is still the
 * one it was verified against, writes and deletes records, replaces the release row and
 * records what changed. Any failure aborts the transaction and leaves the previous release whole.
 */
export async function commitRelease(
  db: RutasDatabase,
  verified: VerifiedRelease,
  basis: InstalledRelease | undefined,
  kind: 'snapshot' | 'changes',
  options: InstallOptions = {},
): Promise<InstalledRelease> {
  const { header } = verified.release;
  const jurisdictionId = header.jurisdictionId;
  const now = (options.now ?? new Date()).toISOString();
  const installed: InstalledRelease = {
    jurisdictionId,
    number: header.number,
    variant: header.variant,
    stateHash: header.stateHash,
    publishedAt: header.publishedAt,
    installedAt: now,
    recordHashes: verified.recordHashes,
    release: verified.release,
  };
  await db.transaction('rw', releaseTables(db), async () => {
    const current = await db.releases.get(jurisdictionId);
    if (!sameRelease(current, basis)) throw new HeldReleaseChangedError(jurisdictionId);

    const incoming = new Map<string, HandbookRecord>(verified.records.map((record) => [record.key, record]));
    const removed = new Set(verified.removed);
    if (kind === 'snapshot') {
      for (const key of Object.keys(current?.recordHashes ?? {})) if (!incoming.has(key)) removed.add(key);
    }
    const touched = [...new Set([...incoming.keys(), ...removed])];
    const before = await readRecords(db, jurisdictionId, touched);
    await deleteRecords(db, jurisdictionId, removed);
    await putRecords(db, jurisdictionId, verified.records);
    await db.releases.put(installed);

    // A phone that loses the enrolled variant must not keep the confidential services it
    // loses, not even their names in the list of changes.
    const changes = describeChanges(before, incoming).filter(
      (change) =>
        header.variant === 'enrolled' ||
        change.change !== 'removed' ||
        (before.get(change.key)?.body as { visibility?: string } | undefined)?.visibility !== 'restricted',
    );
    const state: SyncState = (await db.syncStates.get(jurisdictionId)) ?? { jurisdictionId };
    const { lastError: _cleared, ...kept } = state;
    await db.syncStates.put({
      ...kept,
      lastUpdatedAt: now,
      ...(options.etag && { etag: options.etag }),
      // A first install is "everything added": only a change to a handbook the worker already used is news.
      ...(current &&
        changes.length > 0 && {
          whatChanged: {
            from: current.number,
            to: header.number,
            changes,
            at: now,
            dismissed: false,
            ...(options.cause && { cause: options.cause }),
          },
        }),
    });
  });
  return installed;
}

function sameRelease(a: InstalledRelease | undefined, b: InstalledRelease | undefined): boolean {
  if (!a || !b) return a === b;
  return a.number === b.number && a.variant === b.variant && a.stateHash === b.stateHash;
}

type RecordTable = Dexie.Table<object, [string, string]>;

function tableOf(db: RutasDatabase, kind: 'provider' | 'route' | 'checklist'): RecordTable {
  return { provider: db.providers, route: db.routes, checklist: db.checklists }[kind] as unknown as RecordTable;
}

/** Keys grouped by the table that holds them; the jurisdiction record has no id of its own. */
function byTable(keys: Iterable<string>): {
  jurisdiction: boolean;
  ids: Map<'provider' | 'route' | 'checklist', string[]>;
} {
  const ids = new Map<'provider' | 'route' | 'checklist', string[]>();
  let jurisdiction = false;
  for (const key of keys) {
    const { kind, id } = parseRecordKey(key);
    if (kind === 'jurisdiction') jurisdiction = true;
    else {
      const list = ids.get(kind) ?? [];
      list.push(id as string);
      ids.set(kind, list);
    }
  }
  return { jurisdiction, ids };
}

/** The records of these keys the device holds, as the release delivered them (without the table's jurisdictionId). */
async function readRecords(
  db: RutasDatabase,
  jurisdictionId: string,
  keys: string[],
): Promise<Map<string, HandbookRecord>> {
  const found = new Map<string, HandbookRecord>();
  const { jurisdiction, ids } = byTable(keys);
  if (jurisdiction) {
    const body = await db.jurisdictions.get(jurisdictionId);
    if (body) found.set('jurisdiction', { key: 'jurisdiction', body });
  }
  for (const [kind, kindIds] of ids) {
    const rows = await tableOf(db, kind).bulkGet(kindIds.map((id) => [jurisdictionId, id]));
    rows.forEach((row, i) => {
      if (!row) return;
      const { jurisdictionId: _table, ...body } = row as { jurisdictionId: string };
      found.set(`${kind}/${kindIds[i]}`, { key: `${kind}/${kindIds[i]}`, body } as HandbookRecord);
    });
  }
  return found;
}

async function deleteRecords(db: RutasDatabase, jurisdictionId: string, keys: Iterable<string>): Promise<void> {
  const { jurisdiction, ids } = byTable(keys);
  if (jurisdiction) await db.jurisdictions.delete(jurisdictionId);
  for (const [kind, kindIds] of ids) await tableOf(db, kind).bulkDelete(kindIds.map((id) => [jurisdictionId, id]));
}

async function putRecords(
  db: RutasDatabase,
  jurisdictionId: string,
  records: readonly HandbookRecord[],
): Promise<void> {
  const rows = new Map<'provider' | 'route' | 'checklist', object[]>();
  for (const record of records) {
    const { kind } = parseRecordKey(record.key);
    if (kind === 'jurisdiction') await db.jurisdictions.put(record.body as never);
    else {
      const list = rows.get(kind) ?? [];
      list.push({ ...(record.body as object), jurisdictionId });
      rows.set(kind, list);
    }
  }
  for (const [kind, kindRows] of rows) await tableOf(db, kind).bulkPut(kindRows);
}
