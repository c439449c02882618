import type { Draft } from '../../core/console/protocol';
import type { Handbook } from '../../core/handbook/schema';
import { type HandbookIssue, validateHandbook } from '../../core/handbook/validate';
import type { ImportedProvider } from '../../core/hsds/report';
import { describeChanges, type RecordChange } from '../../core/release/changes';
import type { HandbookRecord } from '../../core/release/records';
import { accountNames } from '../accounts/accounts';
import { recordAudit } from '../accounts/audit';
import { type PublishOutcome, publishHandbook } from '../publishing/publish';
import { releaseRecords } from '../publishing/release-content';
import type { Account, Storage, StoredDraftRecord } from '../storage/types';
import { authoringBody, checkDraftRecord, draftHandbookInput } from './draft-records';

/** Who is working on a draft: a signed-in account, or null for the CLI. */
export type Author = Pick<Account, 'id'> | null;

/** The records of release `number` (enrolled content: the whole handbook) as they are authored, by key. */
async function authoredRelease(
  storage: Storage,
  jurisdictionId: string,
  number: number,
): Promise<Map<string, Record<string, unknown>> | undefined> {
  const release = await releaseRecords(storage, jurisdictionId, number, 'enrolled');
  if (!release) return undefined;
  return new Map([...release.records].map(([key, record]) => [key, authoringBody(record)]));
}

async function latestNumber(storage: Storage, jurisdictionId: string): Promise<number | undefined> {
  return (await storage.latestRelease(jurisdictionId, 'enrolled'))?.number;
}

/**
 * The jurisdiction's draft; the first time, a copy of its latest release. Undefined when the
 * store has never published the jurisdiction and nobody has started a draft of it.
 */
export async function openDraft(
  storage: Storage,
  jurisdictionId: string,
  now = new Date(),
): Promise<StoredDraftRecord[] | undefined> {
  const records = await storage.draftRecords(jurisdictionId);
  if (records.length > 0) return records;
  const latest = await latestNumber(storage, jurisdictionId);
  if (latest === undefined) return undefined;
  await resetDraftTo(storage, jurisdictionId, latest, null, now);
  return storage.draftRecords(jurisdictionId);
}

/** The draft's records, or, before anyone started one, the latest release's, without writing anything. */
export async function draftOrLatestRelease(
  storage: Storage,
  jurisdictionId: string,
): Promise<{ key: string; body: Record<string, unknown> }[] | undefined> {
  const records = await storage.draftRecords(jurisdictionId);
  if (records.length > 0) return records;
  const latest = await latestNumber(storage, jurisdictionId);
  const release = latest === undefined ? undefined : await authoredRelease(storage, jurisdictionId, latest);
  return release && [...release].map(([key, body]) => ({ key, body }));
}

async function resetDraftTo(storage: Storage, jurisdictionId: string, number: number, author: Author, now: Date) {
  const release = (await authoredRelease(storage, jurisdictionId, number)) ?? new Map();
  await storage.replaceDraft(
    jurisdictionId,
    [...release].map(([key, body]) => ({ key, body })),
    { at: now.toISOString(), accountId: author?.id ?? null },
  );
}

/** Everything that stops a draft from being published, each with the record it is in. */
function draftIssues(records: readonly StoredDraftRecord[]): {
  issues: HandbookIssue[];
  keys: string[];
  handbook?: Handbook;
} {
  const { input, keyAt } = draftHandbookInput(records);
  const validation = validateHandbook(input);
  if (validation.ok) return { issues: [], keys: [], handbook: validation.handbook };
  return { issues: validation.issues, keys: validation.issues.map((issue) => keyAt(issue.path)) };
}

/** What publishing the draft now would change, compared with the latest release (enrolled content). */
async function draftChanges(
  storage: Storage,
  jurisdictionId: string,
  records: readonly StoredDraftRecord[],
): Promise<RecordChange[]> {
  const latest = await latestNumber(storage, jurisdictionId);
  const released =
    latest === undefined ? new Map() : ((await authoredRelease(storage, jurisdictionId, latest)) ?? new Map());
  const asRecords = (entries: Iterable<[string, Record<string, unknown>]>) =>
    new Map([...entries].map(([key, body]) => [key, { key, body } as unknown as HandbookRecord]));
  const drafted = records
    .filter((record) => !record.archived)
    .map((record) => [record.key, record.body] as [string, Record<string, unknown>]);
  return describeChanges(asRecords(released), asRecords(drafted));
}

/** The draft as the console shows it, with the names of whoever saved each record. */
export async function draftView(
  storage: Storage,
  jurisdictionId: string,
  now = new Date(),
): Promise<Draft | undefined> {
  const records = await openDraft(storage, jurisdictionId, now);
  if (!records) return undefined;
  const names = await accountNames(storage);
  const { issues, keys } = draftIssues(records);
  return {
    jurisdictionId,
    latestRelease: (await latestNumber(storage, jurisdictionId)) ?? null,
    records: records.map((record) => ({
      ...record,
      updatedBy: record.updatedBy === null ? null : (names.get(record.updatedBy) ?? null),
    })),
    changes: await draftChanges(storage, jurisdictionId, records),
    issues,
    issueKeys: keys,
  };
}

export type SaveOutcome =
  | { status: 'saved'; record: StoredDraftRecord }
  | { status: 'invalid'; issues: HandbookIssue[] }
  | { status: 'conflict'; current: StoredDraftRecord | undefined }
  | { status: 'unknown-jurisdiction' };

/** Saves one record from the revision the edit started at, after checking it; written to the audit log. */
export async function saveDraftRecord(
  storage: Storage,
  jurisdictionId: string,
  key: string,
  edit: { body: Record<string, unknown>; baseRevision: number | null; archived: boolean },
  author: Author,
  now = new Date(),
): Promise<SaveOutcome> {
  const records = await openDraft(storage, jurisdictionId, now);
  if (!records) return { status: 'unknown-jurisdiction' };
  const jurisdiction =
    key === 'jurisdiction' ? edit.body : records.find((record) => record.key === 'jurisdiction')?.body;
  const country = jurisdiction?.country;
  const check = checkDraftRecord(key, edit.body, typeof country === 'string' ? country : undefined);
  if (!check.ok) return { status: 'invalid', issues: check.issues };
  if (key === 'jurisdiction' && check.body.id !== jurisdictionId) {
    return {
      status: 'invalid',
      issues: [{ path: ['id'], message: `the jurisdiction's id must stay "${jurisdictionId}"` }],
    };
  }
  const outcome = await storage.saveDraftRecords(
    jurisdictionId,
    [{ key, body: check.body, archived: edit.archived, baseRevision: edit.baseRevision }],
    { at: now.toISOString(), accountId: author?.id ?? null },
  );
  if (!outcome.ok) return { status: 'conflict', current: outcome.current };
  const record = outcome.records[0] as StoredDraftRecord;
  await recordAudit(
    storage,
    {
      actor: author,
      action: 'draft_saved',
      jurisdictionId,
      subject: key,
      details: { revision: record.revision, archived: record.archived },
    },
    now,
  );
  return { status: 'saved', record };
}

export type DraftPublishOutcome =
  | (PublishOutcome & { issues?: undefined })
  | { status: 'invalid'; issues: HandbookIssue[]; issueKeys: string[] }
  | { status: 'unknown-jurisdiction' };

/** Publishes the draft as the next release with the coordinator's message, when nothing stops it. */
export async function publishDraft(
  storage: Storage,
  jurisdictionId: string,
  message: string,
  author: Author,
  now = new Date(),
): Promise<DraftPublishOutcome> {
  const records = await openDraft(storage, jurisdictionId, now);
  if (!records) return { status: 'unknown-jurisdiction' };
  const { issues, keys, handbook } = draftIssues(records);
  if (!handbook) return { status: 'invalid', issues, issueKeys: keys };
  const outcome = await publishHandbook(storage, handbook, now, { message, publishedBy: author?.id ?? null });
  if (outcome.status === 'created') {
    const changes = outcome.release.variants.find((variant) => variant.variant === 'enrolled')?.changelog.length ?? 0;
    await recordAudit(
      storage,
      {
        actor: author,
        action: 'publish',
        jurisdictionId,
        subject: `release ${outcome.number}`,
        details: { message, changes },
      },
      now,
    );
  }
  return outcome;
}

/**
 * Publishes an earlier release's content again, as a new release (releases never change), and
 * makes it the draft: edits not yet published are replaced, which the console says before asking.
 */
export async function rollBack(
  storage: Storage,
  jurisdictionId: string,
  number: number,
  message: string,
  author: Author,
  now = new Date(),
): Promise<PublishOutcome | { status: 'unknown-release' }> {
  const release = await authoredRelease(storage, jurisdictionId, number);
  if (!release) return { status: 'unknown-release' };
  const records: StoredDraftRecord[] = [...release].map(([key, body]) => ({
    key,
    body,
    revision: 1,
    archived: false,
    updatedAt: now.toISOString(),
    updatedBy: null,
  }));
  const { handbook } = draftIssues(records);
  if (!handbook) throw new Error(`Release ${number} of ${jurisdictionId} no longer validates`);
  const outcome = await publishHandbook(storage, handbook, now, { message, publishedBy: author?.id ?? null });
  await resetDraftTo(storage, jurisdictionId, number, author, now);
  await recordAudit(
    storage,
    {
      actor: author,
      action: 'rollback',
      jurisdictionId,
      subject: `release ${outcome.number}`,
      details: { contentOf: number, message, created: outcome.status === 'created' },
    },
    now,
  );
  return outcome;
}

/** Throws the draft's unpublished edits away: the draft is the latest release again. */
export async function discardDraft(
  storage: Storage,
  jurisdictionId: string,
  author: Author,
  now = new Date(),
): Promise<boolean> {
  const latest = await latestNumber(storage, jurisdictionId);
  if (latest === undefined) return false;
  await resetDraftTo(storage, jurisdictionId, latest, author, now);
  await recordAudit(
    storage,
    { actor: author, action: 'draft_discarded', jurisdictionId, subject: `release ${latest}` },
    now,
  );
  return true;
}

/** Whether a value is text in several languages, keyed by language code. */
function isLocalized(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([key, text]) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(key) && typeof text === 'string',
    )
  );
}

/**
 * An imported provider over the one the draft has: the import's fields win, but text it does
 * not carry in a language (an import is in one language) keeps the draft's translation.
 */
function mergedProvider(imported: Record<string, unknown>, current: Record<string, unknown> | undefined) {
  if (!current) return imported;
  const merged: Record<string, unknown> = { ...imported };
  for (const [field, value] of Object.entries(imported)) {
    const before = current[field];
    if (isLocalized(value) && isLocalized(before)) merged[field] = { ...before, ...value };
  }
  return merged;
}

/**
 * Puts imported providers into the draft in one transaction: a provider whose id the draft
 * has is updated (keeping its translations), the others are added. Imported records may not
 * validate yet (text in one language): the draft lists what is missing before publishing.
 */
export async function importIntoDraft(
  storage: Storage,
  jurisdictionId: string,
  providers: readonly ImportedProvider[],
  { actorAccountId, source }: { actorAccountId: string | null; source: string },
  now = new Date(),
): Promise<{ added: string[]; updated: string[] }> {
  const records = (await openDraft(storage, jurisdictionId, now)) ?? [];
  const current = new Map(records.map((record) => [record.key, record]));
  const keyOf = (provider: ImportedProvider) => `provider/${provider.id}`;
  const outcome = await storage.saveDraftRecords(
    jurisdictionId,
    providers.map((provider) => ({
      key: keyOf(provider),
      body: mergedProvider(provider as unknown as Record<string, unknown>, current.get(keyOf(provider))?.body),
      archived: false,
      baseRevision: 'any' as const,
    })),
    { at: now.toISOString(), accountId: actorAccountId },
  );
  if (!outcome.ok) throw new Error(`The import could not be written: ${outcome.key} changed meanwhile`);
  const added = providers.filter((provider) => !current.has(keyOf(provider))).map((provider) => provider.id);
  const updated = providers.filter((provider) => current.has(keyOf(provider))).map((provider) => provider.id);
  await recordAudit(
    storage,
    {
      actor: actorAccountId === null ? null : { id: actorAccountId },
      action: 'hsds_import',
      jurisdictionId,
      subject: source,
      details: { added: added.length, updated: updated.length },
    },
    now,
  );
  return { added, updated };
}
