import { z } from 'zod';
import {
  ConsoleJurisdictionSchema,
  ConsoleReleaseSchema,
  consolePaths,
  DRAFT_KINDS,
  DraftConflictSchema,
  type DraftKind,
  DraftRecordSchema,
  DraftSchema,
  PublishOutcomeSchema,
  PublishRequestSchema,
  ReleaseContentSchema,
  ReleaseDiffSchema,
  RollbackRequestSchema,
  SaveDraftRecordSchema,
} from '../../core/console/protocol';
import { RecordId } from '../../core/handbook/schema';
import type { HandbookIssue } from '../../core/handbook/validate';
import { describeChanges } from '../../core/release/changes';
import { accountNames } from '../accounts/accounts';
import { authoringBody } from '../drafts/draft-records';
import { discardDraft, draftView, publishDraft, rollBack, saveDraftRecord } from '../drafts/drafts';
import { releaseRecords } from '../publishing/release-content';
import type { Storage, StoredDraftRecord } from '../storage/types';
import { allows } from './permissions';
import { ApiProblem, notFound } from './problems';
import { ReleaseNumber } from './release-routes';
import { JurisdictionParams, NO_STORE, routePattern } from './route-parts';
import { type ApiRoute, defineRoute } from './route-table';

const KIND_OF: Record<(typeof DRAFT_KINDS)[number], string> = {
  providers: 'provider',
  routes: 'route',
  checklists: 'checklist',
};

const patterns = (() => {
  const paths = consolePaths.jurisdiction(':id');
  const parameter = (name: string) => name as unknown as number;
  return {
    draft: routePattern(paths.draft),
    draftJurisdiction: routePattern(paths.draftJurisdiction),
    draftRecord: routePattern(paths.draftRecord(':kind' as DraftKind, ':recordId')),
    releases: routePattern(paths.releases),
    release: routePattern(paths.release(parameter(':number'))),
    diff: routePattern(paths.diff(parameter(':number'), parameter(':from'))),
    rollbacks: routePattern(paths.rollbacks),
  };
})();

const notAJurisdiction = (id: string) => notFound(`No jurisdiction "${id}" has been published on this server`);

/** Problems found in a record or a draft, with paths a form can put next to its fields. */
function invalid(code: string, summary: string, issues: HandbookIssue[], prefix: string) {
  return new ApiProblem(
    422,
    code,
    `${summary}: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    issues.map((issue) => ({
      path: [prefix, ...issue.path].filter((part) => part !== '').join('.'),
      message: issue.message,
    })),
  );
}

function draftRecordAnswer(record: StoredDraftRecord, names: Map<string, string>) {
  return { ...record, updatedBy: record.updatedBy === null ? null : (names.get(record.updatedBy) ?? null) };
}

const listJurisdictions = defineRoute({
  method: 'GET',
  path: consolePaths.jurisdictions,
  operationId: 'listConsoleJurisdictions',
  summary: 'The jurisdictions the signed-in account may see, with their latest release',
  auth: 'account',
  permission: 'signed-in',
  responses: [{ status: 200, description: 'By id', schema: z.array(ConsoleJurisdictionSchema), headers: NO_STORE }],
  async handle({ signedIn, context }) {
    const account = signedIn?.account;
    if (!account) throw new Error('account route without a session');
    const body = (await context.latest.jurisdictions())
      .filter((jurisdiction) => allows(account, 'read-jurisdiction', jurisdiction.id))
      .map(({ id, name, country, latestRelease }) => ({
        id,
        name,
        country,
        latestRelease,
        canEdit: allows(account, 'edit-jurisdiction', id),
      }));
    return { status: 200, body, headers: NO_STORE };
  },
});

const getDraft = defineRoute({
  method: 'GET',
  path: patterns.draft,
  operationId: 'getDraft',
  summary: "A jurisdiction's draft: every record with its revision, what publishing would change, what stops it",
  description: 'The first time, the draft is a copy of the latest release.',
  auth: 'account',
  permission: 'read-jurisdiction',
  params: JurisdictionParams,
  responses: [
    { status: 200, description: 'The draft', schema: DraftSchema, headers: NO_STORE },
    { status: 404, description: 'No such jurisdiction' },
  ],
  async handle({ params, context }) {
    const draft = await draftView(context.storage, params.id, context.now());
    if (!draft) throw notAJurisdiction(params.id);
    return { status: 200, body: draft, headers: NO_STORE };
  },
});

const discard = defineRoute({
  method: 'DELETE',
  path: patterns.draft,
  operationId: 'discardDraft',
  summary: "Throws the draft's unpublished edits away: the draft is the latest release again",
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  responses: [
    { status: 204, description: 'Discarded' },
    { status: 404, description: 'No such jurisdiction' },
  ],
  async handle({ params, signedIn, context }) {
    if (!(await discardDraft(context.storage, params.id, signedIn?.account ?? null, context.now()))) {
      throw notAJurisdiction(params.id);
    }
    return { status: 204 };
  },
});

const SAVE_RESPONSES = [
  { status: 200, description: 'Saved; the record with its new revision', schema: DraftRecordSchema },
  { status: 404, description: 'No such jurisdiction' },
  {
    status: 409,
    description: 'Someone saved the record since this edit started: both versions, nothing overwritten (`conflict`)',
    schema: DraftConflictSchema,
  },
  { status: 422, description: 'The record is not valid (`invalid_record`); `issues` name the fields' },
];

async function save(
  key: string,
  jurisdictionId: string,
  input: Parameters<ApiRoute['handle']>[0],
  body: z.output<typeof SaveDraftRecordSchema>,
) {
  const { storage } = input.context;
  const outcome = await saveDraftRecord(
    storage,
    jurisdictionId,
    key,
    body,
    input.signedIn?.account ?? null,
    input.context.now(),
  );
  switch (outcome.status) {
    case 'unknown-jurisdiction':
      throw notAJurisdiction(jurisdictionId);
    case 'invalid':
      throw invalid('invalid_record', `${key} is not valid`, outcome.issues, 'body');
    case 'conflict':
      return {
        status: 409,
        body: {
          error: 'conflict' as const,
          message: `Someone else saved ${key} after you started editing it; compare both versions and choose`,
          yours: body.body,
          theirs: outcome.current ? draftRecordAnswer(outcome.current, await accountNames(storage)) : null,
        },
      };
    case 'saved':
      return { status: 200, body: draftRecordAnswer(outcome.record, await accountNames(storage)) };
  }
}

const saveJurisdiction = defineRoute({
  method: 'PUT',
  path: patterns.draftJurisdiction,
  operationId: 'saveDraftJurisdiction',
  summary: "Saves the jurisdiction's own record (names, emergency numbers, time zone) in the draft",
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  body: SaveDraftRecordSchema,
  bodyLimit: 1024 * 1024,
  responses: SAVE_RESPONSES,
  handle: (input) => save('jurisdiction', input.params.id, input, input.body),
});

const saveRecord = defineRoute({
  method: 'PUT',
  path: patterns.draftRecord,
  operationId: 'saveDraftRecord',
  summary: 'Saves a provider, an action route or a checklist in the draft, from the revision the edit started at',
  description:
    'A new record is saved with baseRevision null. An archived provider stays in the draft but not in releases.',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: z.strictObject({ id: RecordId, kind: z.enum(DRAFT_KINDS), recordId: RecordId }),
  body: SaveDraftRecordSchema,
  bodyLimit: 1024 * 1024,
  responses: SAVE_RESPONSES,
  async handle(input) {
    const { id, kind, recordId } = input.params;
    if (input.body.archived && kind !== 'providers') {
      throw new ApiProblem(
        400,
        'invalid_request',
        'Only providers are archived; remove a route or checklist from the handbook instead',
      );
    }
    return save(`${KIND_OF[kind]}/${recordId}`, id, input, input.body);
  },
});

const listReleases = defineRoute({
  method: 'GET',
  path: patterns.releases,
  operationId: 'listConsoleReleases',
  summary: "A jurisdiction's releases, newest first, with the coordinator's message and what each changed",
  auth: 'account',
  permission: 'read-jurisdiction',
  params: JurisdictionParams,
  responses: [{ status: 200, description: 'Newest first', schema: z.array(ConsoleReleaseSchema), headers: NO_STORE }],
  async handle({ params, context }) {
    const [releases, notes, names] = await Promise.all([
      context.storage.releases(params.id, 'enrolled'),
      context.storage.releaseNotes(params.id),
      accountNames(context.storage),
    ]);
    const body = releases
      .map((release) => {
        const note = notes.get(release.number);
        return {
          number: release.number,
          publishedAt: release.publishedAt,
          message: note?.message ?? null,
          publishedBy: note?.publishedBy ? (names.get(note.publishedBy) ?? null) : null,
          changes: release.changelog,
        };
      })
      .reverse();
    return { status: 200, body, headers: NO_STORE };
  },
});

const publish = defineRoute({
  method: 'POST',
  path: patterns.releases,
  operationId: 'publishDraft',
  summary: 'Publishes the draft as the next release, signed, with a changelog message',
  description: 'A draft equal to the latest release publishes nothing (200, `unchanged`).',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  body: PublishRequestSchema,
  responses: [
    { status: 200, description: 'Nothing to publish: the draft is the latest release', schema: PublishOutcomeSchema },
    { status: 201, description: 'Published', schema: PublishOutcomeSchema },
    { status: 404, description: 'No such jurisdiction' },
    { status: 422, description: 'The draft has problems (`draft_invalid`); `issues` name the records and fields' },
  ],
  async handle({ params, body, signedIn, context }) {
    const outcome = await publishDraft(
      context.storage,
      params.id,
      body.message,
      signedIn?.account ?? null,
      context.now(),
    );
    if (outcome.status === 'unknown-jurisdiction') throw notAJurisdiction(params.id);
    if (outcome.status === 'invalid')
      throw invalid('draft_invalid', 'The draft cannot be published', outcome.issues, '');
    context.latest.forget(params.id);
    return {
      status: outcome.status === 'created' ? 201 : 200,
      body: { status: outcome.status, release: outcome.number },
    };
  },
});

async function authoredRecords(storage: Storage, jurisdictionId: string, number: number) {
  const release = await releaseRecords(storage, jurisdictionId, number, 'enrolled');
  if (!release) throw notFound(`${jurisdictionId} has no release ${number}`);
  return release.records;
}

const getRelease = defineRoute({
  method: 'GET',
  path: patterns.release,
  operationId: 'getConsoleRelease',
  summary: 'Every record of a release as it is authored (the whole handbook, restricted providers included)',
  auth: 'account',
  permission: 'read-jurisdiction',
  params: z.strictObject({ id: RecordId, number: ReleaseNumber }),
  responses: [
    { status: 200, description: 'The release', schema: ReleaseContentSchema, headers: NO_STORE },
    { status: 404, description: 'No such release' },
  ],
  async handle({ params, context }) {
    const records = await authoredRecords(context.storage, params.id, params.number);
    const body = {
      number: params.number,
      records: [...records.values()].map((record) => ({ key: record.key, body: authoringBody(record) })),
    };
    return { status: 200, body, headers: NO_STORE };
  },
});

const diff = defineRoute({
  method: 'GET',
  path: patterns.diff,
  operationId: 'diffReleases',
  summary: 'What changed from one release to another (either order)',
  auth: 'account',
  permission: 'read-jurisdiction',
  params: z.strictObject({ id: RecordId, number: ReleaseNumber, from: ReleaseNumber }),
  responses: [
    {
      status: 200,
      description: 'Added, removed and changed records, with the fields that changed',
      schema: ReleaseDiffSchema,
    },
    { status: 404, description: 'No such release' },
  ],
  async handle({ params, context }) {
    const [before, after] = await Promise.all([
      authoredRecords(context.storage, params.id, params.from),
      authoredRecords(context.storage, params.id, params.number),
    ]);
    return { status: 200, body: { from: params.from, to: params.number, changes: describeChanges(before, after) } };
  },
});

const rollback = defineRoute({
  method: 'POST',
  path: patterns.rollbacks,
  operationId: 'rollBack',
  summary: "Republishes an earlier release's content as a new release, and makes it the draft",
  description: "Releases never change: a rollback is a new release. The draft's unpublished edits are replaced.",
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  body: RollbackRequestSchema,
  responses: [
    { status: 200, description: 'The content is the latest release already', schema: PublishOutcomeSchema },
    { status: 201, description: 'Published as a new release', schema: PublishOutcomeSchema },
    { status: 404, description: 'No such release' },
  ],
  async handle({ params, body, signedIn, context }) {
    const outcome = await rollBack(
      context.storage,
      params.id,
      body.release,
      body.message,
      signedIn?.account ?? null,
      context.now(),
    );
    if (outcome.status === 'unknown-release') throw notFound(`${params.id} has no release ${body.release}`);
    context.latest.forget(params.id);
    return {
      status: outcome.status === 'created' ? 201 : 200,
      body: { status: outcome.status, release: outcome.number },
    };
  },
});

export const CONSOLE_HANDBOOK_ROUTES: readonly ApiRoute[] = [
  listJurisdictions,
  getDraft,
  discard,
  saveJurisdiction,
  saveRecord,
  listReleases,
  publish,
  getRelease,
  diff,
  rollback,
];
