import type { HandbookRecord, RecordHashes, ReleaseVariant } from '../../core/release/records';
import type { RecordChange } from '../../core/release/changes';
import type { SignedReleaseHeader } from '../../core/release/signature';
import type { FieldReport } from '../../core/sync/protocol';

/** The server's Ed25519 key pair; the public half is pinned by every app build. */
export interface SigningKey {
  id: string;
  /** Raw 32-byte public key, base64url. */
  publicKey: string;
  /** PKCS#8 private key, base64url. */
  privateKey: string;
  createdAt: string;
}

/** One variant of a published release, without its records. */
export interface StoredRelease {
  jurisdictionId: string;
  number: number;
  variant: ReleaseVariant;
  publishedAt: string;
  stateHash: string;
  release: SignedReleaseHeader;
  /** What changed since the previous release of this variant (for the first release: every record added). */
  changelog: RecordChange[];
}

/** A release as publishing creates it: both variants, with their records, written in one transaction. */
export interface NewRelease {
  jurisdictionId: string;
  number: number;
  publishedAt: string;
  variants: {
    variant: ReleaseVariant;
    release: SignedReleaseHeader;
    changelog: RecordChange[];
    records: { record: HandbookRecord; hash: string }[];
  }[];
}

export interface Device {
  id: string;
  jurisdictionId: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** The enrolled release the device last asked about. */
  releaseNumber: number | null;
}

export interface EnrolmentCodeRecord {
  jurisdictionId: string;
  createdAt: string;
  expiresAt: string;
  redeemedAt: string | null;
}

export type RedeemOutcome =
  | { ok: true; device: Device }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export interface StoredFieldReport extends FieldReport {
  receivedAt: string;
}

/** Thrown when release N of a jurisdiction already exists: releases are immutable. */
export class ReleaseExistsError extends Error {}

/**
 * Everything the server keeps, behind one interface with a SQLite and a PostgreSQL
 * implementation that pass the same test suite. Secrets (enrolment codes, device tokens)
 * are stored only as SHA-256 hashes.
 */
export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations; safe to call on every start and from concurrent processes. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  signingKey(): Promise<SigningKey | undefined>;
  /** Stores the key unless one exists; returns the one that is kept. */
  saveSigningKey(key: SigningKey): Promise<SigningKey>;

  /** Writes every variant, record and hash of a release, or nothing. */
  insertRelease(release: NewRelease): Promise<void>;
  latestRelease(jurisdictionId: string, variant: ReleaseVariant): Promise<StoredRelease | undefined>;
  release(jurisdictionId: string, number: number, variant: ReleaseVariant): Promise<StoredRelease | undefined>;
  releases(jurisdictionId: string, variant: ReleaseVariant): Promise<StoredRelease[]>;
  /** The jurisdictions with at least one release, by id. */
  jurisdictionIds(): Promise<string[]>;
  recordHashes(jurisdictionId: string, number: number, variant: ReleaseVariant): Promise<RecordHashes>;
  /** The records with these hashes (content-addressed, so shared across releases and variants). */
  records(hashes: readonly string[]): Promise<Map<string, HandbookRecord>>;

  createEnrolmentCode(codeHash: string, code: EnrolmentCodeRecord): Promise<void>;
  /** Marks the code used and enrols the device in the same transaction; a code works once. */
  redeemEnrolmentCode(codeHash: string, deviceId: string, tokenHash: string, now: string): Promise<RedeemOutcome>;
  deviceByTokenHash(tokenHash: string): Promise<Device | undefined>;
  devices(jurisdictionId: string): Promise<Device[]>;
  /** false when there is no such device. */
  revokeDevice(deviceId: string, now: string): Promise<boolean>;
  deviceSeen(deviceId: string, releaseNumber: number, now: string): Promise<void>;

  /** Idempotent on the report id: the same report again is a 'duplicate'; a different one with the same id a 'conflict'. */
  saveFieldReport(report: FieldReport, receivedAt: string): Promise<'created' | 'duplicate' | 'conflict'>;
  fieldReports(jurisdictionId: string): Promise<StoredFieldReport[]>;
}
