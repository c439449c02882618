import { type Kysely, Migrator, type Selectable, sql } from 'kysely';
import type { AggregateBatch, StageCounts } from '../../core/aggregates/protocol';
import { canonicalJson } from '../../core/release/hashing';
import type { HandbookRecord, RecordHashes, ReleaseVariant } from '../../core/release/records';
import type { FieldReport } from '../../core/sync/protocol';
import { type Dialect, migrationProvider } from './migrations';
import type { StoreTables } from './schema';
import {
  type Account,
  type AccountRole,
  type AuditEntry,
  type Change,
  type Device,
  type DraftSaveOutcome,
  type DraftWrite,
  type EnrolmentCodeRecord,
  type FieldReportOutcome,
  type NewAccount,
  type NewAuditEntry,
  type NewRelease,
  type RedeemOutcome,
  ReleaseExistsError,
  type ReleaseNote,
  type Session,
  type SigningKey,
  type Storage,
  type StoredAccount,
  type StoredDraftRecord,
  type StoredFieldReport,
  type StoredRelease,
  type WeeklyCounts,
} from './types';

/**
 * Rows per INSERT or IN list: large releases (thousands of records) go in a few statements,
 * well under SQLite's and PostgreSQL's limits on bound parameters.
 */
const CHUNK = 500;

/** The key that signs releases, in signing_keys. */
const RELEASE_KEY_ROLE = 'release';

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK));
  return result;
}

/** Another process holds the database, or created the same table a moment ago: trying again is safe. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // SQLITE_BUSY*: a writer elsewhere; 23505/42P07: two PostgreSQL sessions creating the same catalog entry; 40P01: deadlock.
  return code.startsWith('SQLITE_BUSY') || code === '23505' || code === '42P07' || code === '40P01';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toRelease(row: Selectable<StoreTables['releases']>): StoredRelease {
  return {
    jurisdictionId: row.jurisdiction_id,
    number: row.number,
    variant: row.variant as ReleaseVariant,
    publishedAt: row.published_at,
    stateHash: row.state_hash,
    release: JSON.parse(row.release_json),
    changelog: JSON.parse(row.changelog_json),
  };
}

function toDevice(row: Selectable<StoreTables['devices']>): Device {
  return {
    id: row.id,
    jurisdictionId: row.jurisdiction_id,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    releaseNumber: row.release_number,
  };
}

function toFieldReport(row: Selectable<StoreTables['field_reports']>): Omit<StoredFieldReport, 'outcome'> {
  return {
    id: row.id,
    deviceId: row.device_id,
    jurisdictionId: row.jurisdiction_id,
    providerId: row.provider_id,
    releaseNumber: row.release_number,
    problem: row.problem as FieldReport['problem'],
    details: row.details,
    reportedAt: row.reported_at,
    receivedAt: row.received_at,
  };
}

function toOutcome(row: Selectable<StoreTables['field_report_outcomes']>): FieldReportOutcome {
  return {
    status: row.status as FieldReportOutcome['status'],
    note: row.note,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  };
}

function toDraftRecord(row: Selectable<StoreTables['draft_records']>): StoredDraftRecord {
  return {
    key: row.record_key,
    body: JSON.parse(row.body_json),
    revision: row.revision,
    archived: row.archived === 1,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Thrown inside a draft transaction to roll it back when a record moved on since the edit began. */
class DraftConflict extends Error {
  constructor(readonly key: string) {
    super(`draft record ${key} changed`);
  }
}

function toAccount(row: Selectable<StoreTables['accounts']>): StoredAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role as AccountRole,
    jurisdictionIds: JSON.parse(row.jurisdiction_ids),
    disabledAt: row.disabled_at,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

function withoutPassword({ passwordHash: _, ...account }: StoredAccount): Account {
  return account;
}

function toSession(row: Selectable<StoreTables['sessions']>): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

function toAuditEntry(row: Selectable<StoreTables['audit_log']>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorAccountId: row.actor_account_id,
    action: row.action,
    jurisdictionId: row.jurisdiction_id,
    subject: row.subject,
    details: JSON.parse(row.details),
  };
}

/** The one Storage implementation: the same queries on SQLite and PostgreSQL, through Kysely. */
export class KyselyStorage implements Storage {
  constructor(
    private readonly db: Kysely<StoreTables>,
    readonly dialect: Dialect,
  ) {}

  /** The migration in flight: callers in this process wait for it rather than start another on the same connection. */
  private migration: Promise<void> = Promise.resolve();

  migrate(): Promise<void> {
    const run = () => this.migrateWithRetries();
    this.migration = this.migration.then(run, run);
    return this.migration;
  }

  private async migrateWithRetries(): Promise<void> {
    // Two processes starting together (the server and the CLI) must both come up: the loser of
    // a race on a busy file or a catalog entry simply looks again, and finds the work done.
    for (let attempt = 1; ; attempt++) {
      try {
        await (this.dialect === 'sqlite' ? this.migrateSqlite() : this.migrateWith(this.db, false));
        return;
      } catch (error) {
        if (attempt >= 20 || !isTransient(error)) throw error;
        await sleep(25 * attempt + Math.random() * 25);
      }
    }
  }

  private async migrateWith(db: Kysely<StoreTables>, disableTransactions: boolean): Promise<void> {
    const migrator = new Migrator({ db, provider: migrationProvider(this.dialect), disableTransactions });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  }

  /**
   * Kysely locks migrations on PostgreSQL (an advisory lock) but not on SQLite, where its
   * deferred transaction lets a second process read "nothing migrated" and then collide.
   * BEGIN IMMEDIATE takes the file's write lock first (waiting out busy_timeout), so one
   * process migrates and the next reads the result. SQLite has a single connection here, so
   * the migrator's statements run inside this transaction.
   */
  private async migrateSqlite(): Promise<void> {
    // Most starts find nothing to do: answer that with a read, leaving the write lock to publishers.
    const known = await new Migrator({ db: this.db, provider: migrationProvider(this.dialect) }).getMigrations();
    if (known.every((migration) => migration.executedAt !== undefined)) return;
    await sql`begin immediate`.execute(this.db);
    try {
      await this.migrateWith(this.db, true);
      await sql`commit`.execute(this.db);
    } catch (error) {
      await sql`rollback`.execute(this.db);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  async signingKey(): Promise<SigningKey | undefined> {
    const row = await this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('role', '=', RELEASE_KEY_ROLE)
      .executeTakeFirst();
    return row && { id: row.id, publicKey: row.public_key, privateKey: row.private_key, createdAt: row.created_at };
  }

  async saveSigningKey(key: SigningKey): Promise<SigningKey> {
    // Two processes creating a key at once: the first insert wins and both sign with it.
    await this.db
      .insertInto('signing_keys')
      .values({
        role: RELEASE_KEY_ROLE,
        id: key.id,
        public_key: key.publicKey,
        private_key: key.privateKey,
        created_at: key.createdAt,
      })
      .onConflict((conflict) => conflict.column('role').doNothing())
      .execute();
    return (await this.signingKey()) as SigningKey;
  }

  async insertRelease(release: NewRelease): Promise<void> {
    const { jurisdictionId, number } = release;
    try {
      await this.db.transaction().execute(async (trx) => {
        // The release rows go first: a number someone else took fails here, before any other write.
        await trx
          .insertInto('releases')
          .values(
            release.variants.map((v) => ({
              jurisdiction_id: jurisdictionId,
              number,
              variant: v.variant,
              published_at: release.publishedAt,
              state_hash: v.release.header.stateHash,
              release_json: JSON.stringify(v.release),
              changelog_json: JSON.stringify(v.changelog),
            })),
          )
          .execute();

        const records = new Map<string, { hash: string; record_key: string; body_json: string }>();
        for (const v of release.variants) {
          for (const { record, hash } of v.records) {
            records.set(hash, { hash, record_key: record.key, body_json: JSON.stringify(record.body) });
          }
        }
        for (const chunk of chunks([...records.values()])) {
          await trx
            .insertInto('records')
            .values(chunk)
            .onConflict((conflict) => conflict.column('hash').doNothing())
            .execute();
        }

        const links = release.variants.flatMap((v) =>
          v.records.map(({ record, hash }) => ({
            jurisdiction_id: jurisdictionId,
            number,
            variant: v.variant,
            record_key: record.key,
            record_hash: hash,
          })),
        );
        for (const chunk of chunks(links)) await trx.insertInto('release_records').values(chunk).execute();
        if (release.note) {
          await trx
            .insertInto('release_notes')
            .values({
              jurisdiction_id: jurisdictionId,
              number,
              message: release.note.message,
              published_by: release.note.publishedBy,
            })
            .execute();
        }
      });
    } catch (error) {
      if (await this.releaseNumberTaken(jurisdictionId, number)) {
        throw new ReleaseExistsError(`${jurisdictionId} already has release ${number}; releases never change`);
      }
      throw error;
    }
  }

  private async releaseNumberTaken(jurisdictionId: string, number: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('releases')
      .select('number')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row !== undefined;
  }

  async latestRelease(jurisdictionId: string, variant: ReleaseVariant): Promise<StoredRelease | undefined> {
    const row = await this.db
      .selectFrom('releases')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('variant', '=', variant)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toRelease(row);
  }

  async release(jurisdictionId: string, number: number, variant: ReleaseVariant): Promise<StoredRelease | undefined> {
    const row = await this.db
      .selectFrom('releases')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('number', '=', number)
      .where('variant', '=', variant)
      .executeTakeFirst();
    return row && toRelease(row);
  }

  async releases(jurisdictionId: string, variant: ReleaseVariant): Promise<StoredRelease[]> {
    const rows = await this.db
      .selectFrom('releases')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('variant', '=', variant)
      .orderBy('number', 'asc')
      .execute();
    return rows.map(toRelease);
  }

  async jurisdictionIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('releases')
      .select('jurisdiction_id')
      .distinct()
      .orderBy('jurisdiction_id')
      .execute();
    return rows.map((row) => row.jurisdiction_id);
  }

  async recordHashes(jurisdictionId: string, number: number, variant: ReleaseVariant): Promise<RecordHashes> {
    const rows = await this.db
      .selectFrom('release_records')
      .select(['record_key', 'record_hash'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('number', '=', number)
      .where('variant', '=', variant)
      .orderBy('record_key')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.record_key, row.record_hash]));
  }

  async records(hashes: readonly string[]): Promise<Map<string, HandbookRecord>> {
    const found = new Map<string, HandbookRecord>();
    for (const chunk of chunks([...new Set(hashes)])) {
      const rows = await this.db
        .selectFrom('records')
        .select(['hash', 'record_key', 'body_json'])
        .where('hash', 'in', chunk)
        .execute();
      for (const row of rows) {
        found.set(row.hash, { key: row.record_key, body: JSON.parse(row.body_json) } as HandbookRecord);
      }
    }
    return found;
  }

  async createEnrolmentCode(codeHash: string, code: EnrolmentCodeRecord): Promise<void> {
    await this.db
      .insertInto('enrolment_codes')
      .values({
        code_hash: codeHash,
        jurisdiction_id: code.jurisdictionId,
        created_at: code.createdAt,
        expires_at: code.expiresAt,
        redeemed_at: code.redeemedAt,
        device_id: null,
      })
      .execute();
  }

  redeemEnrolmentCode(codeHash: string, deviceId: string, tokenHash: string, now: string): Promise<RedeemOutcome> {
    return this.db.transaction().execute(async (trx): Promise<RedeemOutcome> => {
      // Claim the code with one conditional write: of two devices racing, exactly one gets it.
      const claimed = await trx
        .updateTable('enrolment_codes')
        .set({ redeemed_at: now, device_id: deviceId })
        .where('code_hash', '=', codeHash)
        .where('redeemed_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('jurisdiction_id')
        .executeTakeFirst();
      if (!claimed) {
        const code = await trx
          .selectFrom('enrolment_codes')
          .select('redeemed_at')
          .where('code_hash', '=', codeHash)
          .executeTakeFirst();
        return { ok: false, reason: !code ? 'unknown' : code.redeemed_at !== null ? 'used' : 'expired' };
      }
      // A device enrolled again in the same jurisdiction (after a revocation, say) gets a fresh token.
      const row = await trx
        .insertInto('devices')
        .values({
          id: deviceId,
          jurisdiction_id: claimed.jurisdiction_id,
          token_hash: tokenHash,
          enrolled_at: now,
          revoked_at: null,
          last_seen_at: null,
          release_number: null,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['id', 'jurisdiction_id'])
            .doUpdateSet({ token_hash: tokenHash, enrolled_at: now, revoked_at: null }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ok: true, device: toDevice(row) };
    });
  }

  async deviceByTokenHash(tokenHash: string): Promise<Device | undefined> {
    const row = await this.db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toDevice(row);
  }

  async devices(jurisdictionId: string): Promise<Device[]> {
    const rows = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('enrolled_at')
      .orderBy('id')
      .execute();
    return rows.map(toDevice);
  }

  async revokeDevice(deviceId: string, now: string, jurisdictionId?: string): Promise<boolean> {
    let update = this.db
      .updateTable('devices')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
      .where('id', '=', deviceId);
    if (jurisdictionId !== undefined) update = update.where('jurisdiction_id', '=', jurisdictionId);
    const result = await update.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deviceSeen(deviceId: string, releaseNumber: number, now: string, jurisdictionId?: string): Promise<void> {
    let update = this.db
      .updateTable('devices')
      .set({ last_seen_at: now, release_number: releaseNumber })
      .where('id', '=', deviceId);
    if (jurisdictionId !== undefined) update = update.where('jurisdiction_id', '=', jurisdictionId);
    await update.execute();
  }

  async saveFieldReport(report: FieldReport, receivedAt: string): Promise<'created' | 'duplicate' | 'conflict'> {
    const inserted = await this.db
      .insertInto('field_reports')
      .values({
        id: report.id,
        jurisdiction_id: report.jurisdictionId,
        device_id: report.deviceId,
        provider_id: report.providerId,
        problem: report.problem,
        details: report.details,
        release_number: report.releaseNumber,
        reported_at: report.reportedAt,
        received_at: receivedAt,
      })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return 'created';
    const existing = await this.db
      .selectFrom('field_reports')
      .selectAll()
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    const { receivedAt: _, ...stored } = toFieldReport(existing);
    return canonicalJson(stored) === canonicalJson(report) ? 'duplicate' : 'conflict';
  }

  async fieldReports(jurisdictionId: string): Promise<StoredFieldReport[]> {
    const rows = await this.db
      .selectFrom('field_reports')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('reported_at', 'desc')
      .orderBy('received_at', 'desc')
      .orderBy('id')
      .execute();
    const outcomes = await this.fieldReportOutcomes(rows.map((row) => row.id));
    return rows.map((row) => ({ ...toFieldReport(row), outcome: outcomes.get(row.id) ?? null }));
  }

  async decideFieldReport(reportId: string, outcome: FieldReportOutcome): Promise<boolean> {
    const report = await this.db.selectFrom('field_reports').select('id').where('id', '=', reportId).executeTakeFirst();
    if (!report) return false;
    const values = {
      status: outcome.status,
      note: outcome.note,
      decided_at: outcome.decidedAt,
      decided_by: outcome.decidedBy,
    };
    await this.db
      .insertInto('field_report_outcomes')
      .values({ report_id: reportId, ...values })
      .onConflict((conflict) => conflict.column('report_id').doUpdateSet(values))
      .execute();
    return true;
  }

  async fieldReportOutcomes(reportIds: readonly string[]): Promise<Map<string, FieldReportOutcome>> {
    const outcomes = new Map<string, FieldReportOutcome>();
    for (const chunk of chunks(reportIds)) {
      const rows = await this.db
        .selectFrom('field_report_outcomes')
        .selectAll()
        .where('report_id', 'in', chunk)
        .execute();
      for (const row of rows) outcomes.set(row.report_id, toOutcome(row));
    }
    return outcomes;
  }

  saveAggregateBatch(batch: AggregateBatch): Promise<'created' | 'duplicate' | 'conflict'> {
    const countsJson = canonicalJson(batch.counts);
    return this.db.transaction().execute(async (trx) => {
      // The batch id is claimed first: of two copies of a batch arriving together, one adds its counts.
      const claimed = await trx
        .insertInto('aggregate_batches')
        .values({ id: batch.id, jurisdiction_id: batch.jurisdictionId, week: batch.week, counts_json: countsJson })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      if ((claimed.numInsertedOrUpdatedRows ?? 0n) === 0n) {
        const earlier = await trx
          .selectFrom('aggregate_batches')
          .selectAll()
          .where('id', '=', batch.id)
          .executeTakeFirstOrThrow();
        const same =
          earlier.jurisdiction_id === batch.jurisdictionId &&
          earlier.week === batch.week &&
          earlier.counts_json === countsJson;
        return same ? 'duplicate' : 'conflict';
      }
      const rows = Object.entries(batch.counts)
        .filter(([, count]) => count > 0)
        .map(([stageKind, count]) => ({
          jurisdiction_id: batch.jurisdictionId,
          week: batch.week,
          stage_kind: stageKind,
          count,
        }));
      if (rows.length > 0) {
        await trx
          .insertInto('aggregate_counts')
          .values(rows)
          .onConflict((conflict) =>
            conflict
              .columns(['jurisdiction_id', 'week', 'stage_kind'])
              .doUpdateSet((eb) => ({ count: eb('aggregate_counts.count', '+', eb.ref('excluded.count')) })),
          )
          .execute();
      }
      return 'created';
    });
  }

  async forgetAggregateBatchesBefore(week: string): Promise<void> {
    await this.db.deleteFrom('aggregate_batches').where('week', '<', week).execute();
  }

  async aggregateCounts(jurisdictionId: string): Promise<WeeklyCounts[]> {
    const rows = await this.db
      .selectFrom('aggregate_counts')
      .select(['week', 'stage_kind', 'count'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('week', 'desc')
      .orderBy('stage_kind')
      .execute();
    const weeks = new Map<string, StageCounts>();
    for (const row of rows) {
      const counts = weeks.get(row.week) ?? {};
      counts[row.stage_kind as keyof StageCounts] = row.count;
      weeks.set(row.week, counts);
    }
    return [...weeks].map(([week, counts]) => ({ week, counts }));
  }

  async releaseNotes(jurisdictionId: string): Promise<Map<number, ReleaseNote>> {
    const rows = await this.db
      .selectFrom('release_notes')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .execute();
    return new Map(rows.map((row) => [row.number, { message: row.message, publishedBy: row.published_by }]));
  }

  async draftRecords(jurisdictionId: string): Promise<StoredDraftRecord[]> {
    const rows = await this.db
      .selectFrom('draft_records')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('record_key')
      .execute();
    return rows.map(toDraftRecord);
  }

  async saveDraftRecords(
    jurisdictionId: string,
    writes: readonly DraftWrite[],
    change: Change,
  ): Promise<DraftSaveOutcome> {
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const write of writes) {
          const values = {
            body_json: JSON.stringify(write.body),
            archived: write.archived ? 1 : 0,
            updated_at: change.at,
            updated_by: change.accountId,
          };
          // One conditional statement per record, so two concurrent saves from the same revision cannot both win.
          const written =
            write.baseRevision === null
              ? await trx
                  .insertInto('draft_records')
                  .values({ jurisdiction_id: jurisdictionId, record_key: write.key, revision: 1, ...values })
                  .onConflict((conflict) => conflict.columns(['jurisdiction_id', 'record_key']).doNothing())
                  .executeTakeFirst()
                  .then((result) => result.numInsertedOrUpdatedRows ?? 0n)
              : write.baseRevision === 'any'
                ? await trx
                    .insertInto('draft_records')
                    .values({ jurisdiction_id: jurisdictionId, record_key: write.key, revision: 1, ...values })
                    .onConflict((conflict) =>
                      conflict
                        .columns(['jurisdiction_id', 'record_key'])
                        .doUpdateSet({ ...values, revision: sql`draft_records.revision + 1` }),
                    )
                    .executeTakeFirst()
                    .then((result) => result.numInsertedOrUpdatedRows ?? 0n)
                : await trx
                    .updateTable('draft_records')
                    .set({ ...values, revision: sql`revision + 1` })
                    .where('jurisdiction_id', '=', jurisdictionId)
                    .where('record_key', '=', write.key)
                    .where('revision', '=', write.baseRevision)
                    .executeTakeFirst()
                    .then((result) => result.numUpdatedRows);
          if (written === 0n) throw new DraftConflict(write.key);
        }
      });
    } catch (error) {
      if (!(error instanceof DraftConflict)) throw error;
      const current = (await this.draftRecords(jurisdictionId)).find((record) => record.key === error.key);
      return { ok: false, key: error.key, current };
    }
    const keys = new Set(writes.map((write) => write.key));
    return { ok: true, records: (await this.draftRecords(jurisdictionId)).filter((record) => keys.has(record.key)) };
  }

  async replaceDraft(
    jurisdictionId: string,
    records: readonly { key: string; body: Record<string, unknown> }[],
    change: Change,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const previous = await trx
        .selectFrom('draft_records')
        .select(['record_key', 'revision'])
        .where('jurisdiction_id', '=', jurisdictionId)
        .execute();
      const revisions = new Map(previous.map((row) => [row.record_key, row.revision]));
      await trx.deleteFrom('draft_records').where('jurisdiction_id', '=', jurisdictionId).execute();
      const rows = records.map((record) => ({
        jurisdiction_id: jurisdictionId,
        record_key: record.key,
        body_json: JSON.stringify(record.body),
        revision: (revisions.get(record.key) ?? 0) + 1,
        archived: 0,
        updated_at: change.at,
        updated_by: change.accountId,
      }));
      for (const chunk of chunks(rows)) await trx.insertInto('draft_records').values(chunk).execute();
    });
  }

  async createAccount(account: NewAccount): Promise<'created' | 'exists'> {
    const inserted = await this.db
      .insertInto('accounts')
      .values({
        id: account.id,
        email: account.email,
        display_name: account.displayName,
        password_hash: account.passwordHash,
        role: account.role,
        jurisdiction_ids: JSON.stringify(account.jurisdictionIds),
        disabled_at: null,
        failed_logins: 0,
        locked_until: null,
        created_at: account.createdAt,
      })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n ? 'created' : 'exists';
  }

  async account(id: string): Promise<StoredAccount | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  async accountByEmail(email: string): Promise<StoredAccount | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row && toAccount(row);
  }

  async accounts(): Promise<Account[]> {
    const rows = await this.db.selectFrom('accounts').selectAll().orderBy('email').execute();
    return rows.map((row) => withoutPassword(toAccount(row)));
  }

  async updateAccount(
    id: string,
    changes: Partial<Pick<StoredAccount, 'passwordHash' | 'displayName' | 'disabledAt' | 'lockedUntil'>>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('accounts')
      .set({
        ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.disabledAt !== undefined && { disabled_at: changes.disabledAt }),
        ...(changes.lockedUntil !== undefined && { locked_until: changes.lockedUntil }),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async recordLoginFailure(id: string, lockAfter: number, lockUntil: string): Promise<Account | undefined> {
    const row = await this.db
      .updateTable('accounts')
      .set((eb) => {
        const reachesLimit = eb('failed_logins', '>=', lockAfter - 1);
        return {
          failed_logins: eb
            .case()
            .when(reachesLimit)
            .then(0)
            .else(eb('failed_logins', '+', 1))
            .end(),
          locked_until: eb.case().when(reachesLimit).then(lockUntil).else(eb.ref('locked_until')).end(),
        };
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && withoutPassword(toAccount(row));
  }

  async recordLoginSuccess(id: string): Promise<void> {
    await this.db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
  }

  async createSession(session: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        account_id: session.accountId,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  async session(id: string): Promise<Session | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSession(row);
  }

  async touchSession(id: string, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOf(accountId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  }

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = await this.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor_account_id: entry.actorAccountId,
        action: entry.action,
        jurisdiction_id: entry.jurisdictionId,
        subject: entry.subject,
        details: JSON.stringify(entry.details),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAuditEntry(row);
  }

  async auditLog(options: { jurisdictionId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
    if (options.jurisdictionId !== undefined) query = query.where('jurisdiction_id', '=', options.jurisdictionId);
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.execute()).map(toAuditEntry);
  }
}
