import type { Generated } from 'kysely';

/** The tables as Kysely sees them; every timestamp is ISO 8601 text, on both dialects. */
export interface StoreTables {
  signing_keys: {
    /** One row per purpose; 'release' is the key that signs every release. */
    role: string;
    id: string;
    public_key: string;
    private_key: string;
    created_at: string;
  };
  releases: {
    jurisdiction_id: string;
    number: number;
    variant: string;
    published_at: string;
    state_hash: string;
    release_json: string;
    changelog_json: string;
  };
  release_records: {
    jurisdiction_id: string;
    number: number;
    variant: string;
    record_key: string;
    record_hash: string;
  };
  records: {
    hash: string;
    record_key: string;
    body_json: string;
  };
  enrolment_codes: {
    code_hash: string;
    jurisdiction_id: string;
    created_at: string;
    expires_at: string;
    redeemed_at: string | null;
    device_id: string | null;
  };
  /** One row per enrolment: the same device (its app-generated id) may be enrolled in several jurisdictions. */
  devices: {
    id: string;
    jurisdiction_id: string;
    token_hash: string;
    enrolled_at: string;
    revoked_at: string | null;
    last_seen_at: string | null;
    release_number: number | null;
  };
  field_reports: {
    id: string;
    jurisdiction_id: string;
    device_id: string;
    provider_id: string;
    problem: string;
    details: string;
    release_number: number;
    reported_at: string;
    received_at: string;
  };
  accounts: {
    id: string;
    /** Lower-cased, so that unique means unique whatever the case. */
    email: string;
    display_name: string;
    password_hash: string;
    role: string;
    /** JSON array of the jurisdictions a coordinator keeps; empty for the other roles. */
    jurisdiction_ids: string;
    disabled_at: string | null;
    failed_logins: number;
    locked_until: string | null;
    created_at: string;
  };
  /** A signed-in browser; the id is the SHA-256 of the secret in its cookie. */
  sessions: {
    id: string;
    account_id: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_account_id: string | null;
    action: string;
    jurisdiction_id: string | null;
    subject: string;
    /** JSON object. */
    details: string;
  };
  /** The working copy coordinators edit; `revision` counts saves, for conflict detection. */
  draft_records: {
    jurisdiction_id: string;
    record_key: string;
    body_json: string;
    revision: number;
    /** 0 or 1 (SQLite has no boolean). */
    archived: number;
    updated_at: string;
    updated_by: string | null;
  };
  /** The coordinator's changelog message for a release, and who published it (null: the CLI). */
  release_notes: {
    jurisdiction_id: string;
    number: number;
    message: string;
    published_by: string | null;
  };
  field_report_outcomes: {
    report_id: string;
    status: string;
    note: string;
    decided_at: string;
    decided_by: string | null;
  };
  /** Anonymous counts summed over every batch received: no device, no time finer than a week. */
  aggregate_counts: {
    jurisdiction_id: string;
    /** ISO week, e.g. "2026-W48". */
    week: string;
    stage_kind: string;
    count: number;
  };
  /** The batches received, to answer a resend; `counts_json` is the canonical JSON of the counts. */
  aggregate_batches: {
    id: string;
    jurisdiction_id: string;
    week: string;
    counts_json: string;
  };
}
