import Dexie, { type EntityTable } from 'dexie';
import type { ActionRoute, Checklist, LocalizedText } from '../../core/handbook/schema';
import type { RecordChange } from '../../core/release/changes';
import type { JurisdictionBody, ProviderBody, RecordHashes, ReleaseVariant } from '../../core/release/records';
import type { SignedReleaseHeader } from '../../core/release/signature';
import type { FieldReport } from '../../core/sync/protocol';
import type { RejectionReason } from '../../core/sync/verify';

type OfJurisdiction<T> = T & { jurisdictionId: string };
/** A jurisdiction record's body as released, with how its emergency numbers are dialled. */
export type JurisdictionRecord = JurisdictionBody;
export type ProviderRecord = OfJurisdiction<ProviderBody>;
export type ActionRouteRecord = OfJurisdiction<ActionRoute>;
export type ChecklistRecord = OfJurisdiction<Checklist>;

/** The release a device holds for a jurisdiction, and what verifying the next one needs of it. */
export interface InstalledRelease {
  jurisdictionId: string;
  number: number;
  variant: ReleaseVariant;
  stateHash: string;
  publishedAt: string;
  installedAt: string;
  /** key → hash of every record held: a delta is checked against these without rereading the records. */
  recordHashes: RecordHashes;
  /** The signed header, kept as the proof of what the device holds. */
  release: SignedReleaseHeader;
}

/** Why the last sync of a jurisdiction did not bring its latest release; each has a sentence in locales/. */
export type SyncProblem = RejectionReason | 'forbidden' | 'storage';

/** What the last update of a jurisdiction changed, until the worker dismisses it. */
export interface WhatChanged {
  from: number;
  to: number;
  changes: RecordChange[];
  at: string;
  dismissed: boolean;
  /** Set when the update followed the withdrawal of this phone's enrolment. */
  cause?: 'revoked';
}

/** Per jurisdiction: how the device last talked to the server about it. */
export interface SyncState {
  jurisdictionId: string;
  /** The manifest's ETag, stored only once the release it names is installed, so a 304 means "up to date". */
  etag?: { variant: ReleaseVariant; value: string };
  /** Last time the server answered a check (a phone offline keeps the older date). */
  lastCheckedAt?: string;
  /** Last time a release was installed from the server. */
  lastUpdatedAt?: string;
  lastError?: { reason: SyncProblem; at: string; releaseNumber?: number };
  whatChanged?: WhatChanged;
}

/** This device's enrolment in a jurisdiction: the token that unlocks its restricted records. */
export interface Enrolment {
  jurisdictionId: string;
  deviceToken: string;
  enrolledAt: string;
}

/** A field report on this phone: waiting to be delivered, refused by the server, or sent and awaiting review. */
export interface OutboxEntry {
  id: string;
  report: FieldReport;
  /** The provider's name when reported, to list the report where the handbook is not at hand; never sent. */
  providerName?: LocalizedText;
  queuedAt: string;
  lastAttemptAt?: string;
  /** Set when the server refused the report (400, 409): it is kept, but not sent again. */
  lastError?: { status: number; message: string };
  /** When the server received it; it stays listed until the coordinators' decision is known. */
  sentAt?: string;
  /** What the coordinators decided, learnt at a later sync. */
  outcome?: { status: 'resolved' | 'dismissed'; decidedAt: string };
}

/** The worker's data key, wrapped by a key derived from their PIN (PBKDF2); one row, id "pin". */
export interface VaultKeyRecord {
  id: 'pin';
  salt: Uint8Array;
  iterations: number;
  /** AES-GCM nonce of the wrapping. */
  iv: Uint8Array;
  wrappedKey: ArrayBuffer;
  createdAt: string;
  /** Consecutive wrong PINs, and until when the next attempt must wait (backoff). */
  failedAttempts: number;
  retryAfter?: string;
}

/** Sealed (AES-GCM encrypted) case data: nothing of it is readable without the worker's PIN. */
export type SealedKind = 'case' | 'referral';
export interface SealedRecord {
  kind: SealedKind;
  id: string;
  iv: Uint8Array;
  ciphertext: ArrayBuffer;
}

/** Anonymous counts waiting to leave the device (only where the deployment turned them on). */
export interface AggregateCount {
  jurisdictionId: string;
  /** ISO week, e.g. "2026-W48": never anything finer. */
  week: string;
  stageKind: string;
  count: number;
}

export interface Setting {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'rutas';

const CONTENT_TABLES = ['jurisdictions', 'providers', 'routes', 'checklists', 'releases'] as const;

/**
 * The device database. Every schema change is a new `version()` with an upgrade
 * function where data must move; earlier versions stay declared so old devices upgrade.
 */
export class RutasDatabase extends Dexie {
  jurisdictions!: EntityTable<JurisdictionRecord, 'id'>;
  providers!: Dexie.Table<ProviderRecord, [string, string]>;
  routes!: Dexie.Table<ActionRouteRecord, [string, string]>;
  checklists!: Dexie.Table<ChecklistRecord, [string, string]>;
  releases!: EntityTable<InstalledRelease, 'jurisdictionId'>;
  settings!: EntityTable<Setting, 'key'>;
  syncStates!: EntityTable<SyncState, 'jurisdictionId'>;
  enrolments!: EntityTable<Enrolment, 'jurisdictionId'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  vaultKeys!: EntityTable<VaultKeyRecord, 'id'>;
  sealed!: Dexie.Table<SealedRecord, [SealedKind, string]>;
  aggregateCounts!: Dexie.Table<AggregateCount, [string, string, string]>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      jurisdictions: 'id',
      providers: '[jurisdictionId+id], jurisdictionId',
      routes: '[jurisdictionId+id], jurisdictionId',
      checklists: '[jurisdictionId+id], jurisdictionId',
      releases: 'jurisdictionId',
      settings: 'key',
    });
    // Version 2: signed releases held record by record. Version-1 content was unsigned and
    // hashed as a whole, so it cannot be the base of a delta; it is dropped here and is
    // re-derivable: the bundled signed snapshots reinstall before the first screen (the
    // device then holds no release) and the sync engine brings the latest. Settings stay.
    this.version(2)
      .stores({
        syncStates: 'jurisdictionId',
        enrolments: 'jurisdictionId',
        outbox: 'id, queuedAt',
      })
      .upgrade(async (tx) => {
        await Promise.all(CONTENT_TABLES.map((table) => tx.table(table).clear()));
      });
    // Version 3: the worker's own records (cases, referrals), sealed under a PIN, and anonymous counts.
    this.version(3).stores({
      vaultKeys: 'id',
      sealed: '[kind+id], kind',
      aggregateCounts: '[jurisdictionId+week+stageKind]',
    });
  }
}

/** The tables one release touches, for the all-or-nothing transaction that installs it. */
export function releaseTables(db: RutasDatabase) {
  return [db.jurisdictions, db.providers, db.routes, db.checklists, db.releases, db.syncStates];
}
