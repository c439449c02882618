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
}
