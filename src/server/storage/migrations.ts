import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The store's migrations, in code rather than a scanned folder so they run the same under
 * tsx, Vitest and a bundle. Names sort by time; a migration, once shipped, never changes.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  // SQLite stores a table with a composite text key most compactly without a hidden rowid;
  // PostgreSQL has no such option.
  const withoutRowId = dialect === 'sqlite' ? sql` without rowid` : sql``;
  return {
    '2026-11-24T0900-initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('signing_keys')
          .addColumn('role', 'text', (c) => c.primaryKey())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('public_key', 'text', (c) => c.notNull())
          .addColumn('private_key', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('releases')
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('variant', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('state_hash', 'text', (c) => c.notNull())
          .addColumn('release_json', 'text', (c) => c.notNull())
          .addColumn('changelog_json', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('releases_pk', ['jurisdiction_id', 'number', 'variant'])
          .modifyEnd(withoutRowId)
          .execute();

        await db.schema
          .createTable('records')
          .addColumn('hash', 'text', (c) => c.primaryKey())
          .addColumn('record_key', 'text', (c) => c.notNull())
          .addColumn('body_json', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('release_records')
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('variant', 'text', (c) => c.notNull())
          .addColumn('record_key', 'text', (c) => c.notNull())
          .addColumn('record_hash', 'text', (c) => c.notNull().references('records.hash'))
          .addPrimaryKeyConstraint('release_records_pk', ['jurisdiction_id', 'number', 'variant', 'record_key'])
          .addForeignKeyConstraint('release_records_release_fk', ['jurisdiction_id', 'number', 'variant'], 'releases', [
            'jurisdiction_id',
            'number',
            'variant',
          ])
          .modifyEnd(withoutRowId)
          .execute();

        await db.schema
          .createTable('enrolment_codes')
          .addColumn('code_hash', 'text', (c) => c.primaryKey())
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('redeemed_at', 'text')
          .addColumn('device_id', 'text')
          .execute();

        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('enrolled_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .addColumn('last_seen_at', 'text')
          .addColumn('release_number', 'integer')
          .addPrimaryKeyConstraint('devices_pk', ['id', 'jurisdiction_id'])
          .execute();
        await db.schema.createIndex('devices_by_jurisdiction').on('devices').column('jurisdiction_id').execute();

        await db.schema
          .createTable('field_reports')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('provider_id', 'text', (c) => c.notNull())
          .addColumn('problem', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('release_number', 'integer', (c) => c.notNull())
          .addColumn('reported_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('field_reports_by_jurisdiction')
          .on('field_reports')
          .columns(['jurisdiction_id', 'reported_at'])
          .execute();
      },
    },
    '2026-11-24T1000-accounts': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          // Kept lower-cased by the accounts module, so the unique constraint is case-insensitive.
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('jurisdiction_ids', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_by_account').on('sessions').column('account_id').execute();

        await db.schema
          .createTable('audit_log')
          // A sequence rather than a random id: entries written in the same millisecond keep their order.
          .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (c) =>
            dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_account_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('jurisdiction_id', 'text')
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('audit_log_by_jurisdiction')
          .on('audit_log')
          .columns(['jurisdiction_id', 'id'])
          .execute();
      },
    },
    '2026-11-24T1200-console': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('draft_records')
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('record_key', 'text', (c) => c.notNull())
          .addColumn('body_json', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .addPrimaryKeyConstraint('draft_records_pk', ['jurisdiction_id', 'record_key'])
          .execute();

        await db.schema
          .createTable('release_notes')
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('published_by', 'text')
          .addPrimaryKeyConstraint('release_notes_pk', ['jurisdiction_id', 'number'])
          .execute();

        await db.schema
          .createTable('field_report_outcomes')
          .addColumn('report_id', 'text', (c) => c.primaryKey())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .addColumn('decided_by', 'text')
          .execute();
      },
    },
    '2026-11-24T1600-aggregates': {
      async up(db: Kysely<unknown>) {
        // The sums coordinators read: one row per jurisdiction, ISO week and route stage.
        await db.schema
          .createTable('aggregate_counts')
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('week', 'text', (c) => c.notNull())
          .addColumn('stage_kind', 'text', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('aggregate_counts_pk', ['jurisdiction_id', 'week', 'stage_kind'])
          .modifyEnd(withoutRowId)
          .execute();

        // The batches received, only to recognise a resend; forgotten once their week is too old to be sent again.
        await db.schema
          .createTable('aggregate_batches')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
          .addColumn('week', 'text', (c) => c.notNull())
          .addColumn('counts_json', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('aggregate_batches_by_week').on('aggregate_batches').column('week').execute();
      },
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}
