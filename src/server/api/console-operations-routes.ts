import QRCode from 'qrcode';
import { z } from 'zod';
import {
  AuditEntrySchema,
  ConsoleAccountSchema,
  ConsoleDeviceSchema,
  ConsoleFieldReportSchema,
  consolePaths,
  EnrolmentCodeSchema,
  FieldReportDecisionSchema,
  HsdsImportAnswerSchema,
  HsdsImportRequestSchema,
  HsdsRefusalSchema,
  NewAccountSchema,
  PasswordResetSchema,
} from '../../core/console/protocol';
import { RecordId } from '../../core/handbook/schema';
import { HSDS_IMPORT_MAX_BYTES } from '../../core/hsds/import';
import { AccountError, accountNames, createAccount, disableAccount, resetPassword } from '../accounts/accounts';
import { recordAudit } from '../accounts/audit';
import { exportHsds, importHsdsIntoDraft } from '../drafts/hsds';
import { createEnrolmentCode, enrolmentUrl, formatEnrolmentCode } from '../enrolment/codes';
import type { Account, AuditEntry, Storage } from '../storage/types';
import { ApiProblem, notFound } from './problems';
import { JurisdictionParams, NO_STORE, routePattern } from './route-parts';
import { type ApiRoute, defineRoute } from './route-table';

const Uuid = z.uuid('An id here is a UUID, e.g. 0b1c…');

const paths = consolePaths.jurisdiction(':id');

function signedInAccount(input: { signedIn?: { account: Account } }): Account {
  if (!input.signedIn) throw new Error('account route without a session');
  return input.signedIn.account;
}

const listFieldReports = defineRoute({
  method: 'GET',
  path: routePattern(paths.fieldReports),
  operationId: 'listFieldReports',
  summary: "The jurisdiction's field reports, newest first, with the decision about each",
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  responses: [
    { status: 200, description: 'Newest first', schema: z.array(ConsoleFieldReportSchema), headers: NO_STORE },
  ],
  async handle({ params, context }) {
    const [reports, names] = await Promise.all([
      context.storage.fieldReports(params.id),
      accountNames(context.storage),
    ]);
    const body = reports.map((report) => ({
      ...report,
      outcome: report.outcome && {
        ...report.outcome,
        decidedBy: report.outcome.decidedBy === null ? null : (names.get(report.outcome.decidedBy) ?? null),
      },
    }));
    return { status: 200, body, headers: NO_STORE };
  },
});

const decideFieldReport = defineRoute({
  method: 'POST',
  path: routePattern(paths.fieldReport(':reportId')),
  operationId: 'decideFieldReport',
  summary: 'Resolves or dismisses a field report; the reporting device sees the outcome at its next sync',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: z.strictObject({ id: RecordId, reportId: Uuid }),
  body: FieldReportDecisionSchema,
  responses: [
    { status: 200, description: 'The report with its outcome', schema: ConsoleFieldReportSchema },
    { status: 404, description: 'The jurisdiction has no such report' },
  ],
  async handle(input) {
    const { params, body, context } = input;
    const account = signedInAccount(input);
    const report = (await context.storage.fieldReports(params.id)).find(
      (candidate) => candidate.id === params.reportId,
    );
    if (!report) throw notFound(`${params.id} has no field report ${params.reportId}`);
    const outcome = { ...body, decidedAt: context.now().toISOString(), decidedBy: account.id };
    await context.storage.decideFieldReport(report.id, outcome);
    await recordAudit(
      context.storage,
      {
        actor: account,
        action: `field_report_${body.status}`,
        jurisdictionId: params.id,
        subject: `provider/${report.providerId}`,
        details: { reportId: report.id, problem: report.problem },
      },
      context.now(),
    );
    return { status: 200, body: { ...report, outcome: { ...outcome, decidedBy: account.displayName } } };
  },
});

const listDevices = defineRoute({
  method: 'GET',
  path: routePattern(paths.devices),
  operationId: 'listDevices',
  summary: 'Devices enrolled in the jurisdiction, the release each holds and when it was last seen',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  responses: [
    { status: 200, description: 'Enrolled devices', schema: z.array(ConsoleDeviceSchema), headers: NO_STORE },
  ],
  async handle({ params, context }) {
    const [devices, latest] = await Promise.all([
      context.storage.devices(params.id),
      context.storage.latestRelease(params.id, 'enrolled'),
    ]);
    const body = devices.map(({ jurisdictionId: _, ...device }) => ({
      ...device,
      outOfDate: device.revokedAt === null && latest !== undefined && (device.releaseNumber ?? 0) < latest.number,
    }));
    return { status: 200, body, headers: NO_STORE };
  },
});

const revokeDevice = defineRoute({
  method: 'POST',
  path: routePattern(paths.deviceRevocation(':deviceId')),
  operationId: 'revokeDevice',
  summary: 'Revokes a device: it loses the restricted records at its next sync',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: z.strictObject({ id: RecordId, deviceId: Uuid }),
  responses: [
    { status: 204, description: 'Revoked (or revoked already)' },
    { status: 404, description: 'No such device in the jurisdiction' },
  ],
  async handle(input) {
    const { params, context } = input;
    const now = context.now();
    if (!(await context.storage.revokeDevice(params.deviceId, now.toISOString(), params.id))) {
      throw notFound(`No device ${params.deviceId} is enrolled in ${params.id}`);
    }
    await recordAudit(
      context.storage,
      { actor: signedInAccount(input), action: 'device_revoked', jurisdictionId: params.id, subject: params.deviceId },
      now,
    );
    return { status: 204 };
  },
});

const newEnrolmentCode = defineRoute({
  method: 'POST',
  path: routePattern(paths.enrolmentCodes),
  operationId: 'createEnrolmentCode',
  summary: 'A one-time enrolment code for a device, as text and as a QR code of the enrolment link',
  description: 'The code is shown only in this answer; the store keeps its hash.',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  responses: [
    { status: 201, description: 'The code', schema: EnrolmentCodeSchema, headers: NO_STORE },
    { status: 404, description: 'No such jurisdiction' },
  ],
  async handle(input) {
    const { params, context, headers, client } = input;
    if (!(await context.storage.latestRelease(params.id, 'enrolled'))) {
      throw notFound(`No jurisdiction "${params.id}" has been published on this server`);
    }
    const now = context.now();
    const { code, expiresAt } = await createEnrolmentCode(context.storage, params.id, { now });
    const url = enrolmentUrl(`${client.secure ? 'https' : 'http'}://${headers.host ?? 'localhost'}`, code);
    await recordAudit(
      context.storage,
      {
        actor: signedInAccount(input),
        action: 'enrolment_code_created',
        jurisdictionId: params.id,
        subject: `code valid until ${expiresAt}`,
        details: { via: 'console' },
      },
      now,
    );
    const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 2 });
    return { status: 201, body: { code: formatEnrolmentCode(code), expiresAt, url, qrSvg }, headers: NO_STORE };
  },
});

async function auditAnswer(storage: Storage, entries: AuditEntry[]) {
  const accounts = new Map((await storage.accounts()).map((account) => [account.id, account]));
  return entries.map(({ actorAccountId, ...entry }) => ({
    ...entry,
    actor: actorAccountId === null ? null : (accounts.get(actorAccountId)?.displayName ?? null),
  }));
}

const AUDIT_LIMIT = 500;

const jurisdictionAudit = defineRoute({
  method: 'GET',
  path: routePattern(paths.audit),
  operationId: 'jurisdictionAudit',
  summary: `The latest ${AUDIT_LIMIT} entries of the jurisdiction's audit log, newest first`,
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  responses: [{ status: 200, description: 'Newest first', schema: z.array(AuditEntrySchema), headers: NO_STORE }],
  async handle({ params, context }) {
    const entries = await context.storage.auditLog({ jurisdictionId: params.id, limit: AUDIT_LIMIT });
    return { status: 200, body: await auditAnswer(context.storage, entries), headers: NO_STORE };
  },
});

const wholeAudit = defineRoute({
  method: 'GET',
  path: consolePaths.audit,
  operationId: 'auditLog',
  summary: `The latest ${AUDIT_LIMIT} entries of the whole audit log (sign-ins, accounts, every jurisdiction)`,
  auth: 'account',
  permission: 'admin',
  responses: [{ status: 200, description: 'Newest first', schema: z.array(AuditEntrySchema), headers: NO_STORE }],
  async handle({ context }) {
    const entries = await context.storage.auditLog({ limit: AUDIT_LIMIT });
    return { status: 200, body: await auditAnswer(context.storage, entries), headers: NO_STORE };
  },
});

const accountAnswer = ({ id, email, displayName, role, jurisdictionIds, disabledAt, createdAt }: Account) => ({
  id,
  email,
  displayName,
  role,
  jurisdictionIds,
  disabledAt,
  createdAt,
});

const listAccounts = defineRoute({
  method: 'GET',
  path: consolePaths.accounts,
  operationId: 'listAccounts',
  summary: 'Every console account',
  auth: 'account',
  permission: 'admin',
  responses: [{ status: 200, description: 'By email', schema: z.array(ConsoleAccountSchema), headers: NO_STORE }],
  async handle({ context }) {
    return { status: 200, body: (await context.storage.accounts()).map(accountAnswer), headers: NO_STORE };
  },
});

/** An account request the accounts module refuses (taken email, weak password), as a field issue. */
function refusedAccount(error: unknown): never {
  if (error instanceof AccountError) {
    throw new ApiProblem(422, 'invalid_account', error.message, [
      { path: `body.${error.field}`, message: error.message },
    ]);
  }
  throw error;
}

const newAccount = defineRoute({
  method: 'POST',
  path: consolePaths.accounts,
  operationId: 'createAccount',
  summary: 'Creates an account: an admin, a coordinator of some jurisdictions, or a trainer',
  auth: 'account',
  permission: 'admin',
  body: NewAccountSchema,
  responses: [
    { status: 201, description: 'Created', schema: ConsoleAccountSchema },
    { status: 422, description: 'The email is taken, the password too weak or a coordinator has no jurisdiction' },
  ],
  async handle(input) {
    const { body, context } = input;
    const known = new Set(await context.storage.jurisdictionIds());
    const unknown = body.jurisdictionIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ApiProblem(422, 'invalid_account', `No jurisdiction ${unknown.join(', ')} on this server`, [
        { path: 'body.jurisdictionIds', message: `No jurisdiction ${unknown.join(', ')} on this server` },
      ]);
    }
    const account = await createAccount(context.storage, body, signedInAccount(input), context.now()).catch(
      refusedAccount,
    );
    return { status: 201, body: accountAnswer(account) };
  },
});

async function accountById(storage: Storage, id: string): Promise<Account> {
  const account = await storage.account(id);
  if (!account) throw notFound(`No account ${id}`);
  return account;
}

const AccountParams = z.strictObject({ accountId: Uuid });

const newPassword = defineRoute({
  method: 'POST',
  path: routePattern(consolePaths.accountPassword(':accountId')),
  operationId: 'resetPassword',
  summary: 'Sets a new password for an account, lifts a lock and signs it out everywhere',
  auth: 'account',
  permission: 'admin',
  params: AccountParams,
  body: PasswordResetSchema,
  responses: [
    { status: 204, description: 'Changed' },
    { status: 404, description: 'No such account' },
    { status: 422, description: 'The password is too weak' },
  ],
  async handle(input) {
    const { params, body, context } = input;
    const account = await accountById(context.storage, params.accountId);
    await resetPassword(context.storage, account.email, body.password, signedInAccount(input), context.now()).catch(
      refusedAccount,
    );
    return { status: 204 };
  },
});

const disable = defineRoute({
  method: 'POST',
  path: routePattern(consolePaths.accountDisable(':accountId')),
  operationId: 'disableAccount',
  summary: 'Disables an account: it can no longer sign in, and its sessions end now',
  auth: 'account',
  permission: 'admin',
  params: AccountParams,
  responses: [
    { status: 204, description: 'Disabled' },
    { status: 404, description: 'No such account' },
    { status: 422, description: 'An admin cannot disable their own account' },
  ],
  async handle(input) {
    const { params, context } = input;
    const admin = signedInAccount(input);
    const account = await accountById(context.storage, params.accountId);
    if (account.id === admin.id) {
      throw new ApiProblem(422, 'invalid_account', 'You cannot disable your own account; ask another admin');
    }
    await disableAccount(context.storage, account.email, admin, context.now());
    return { status: 204 };
  },
});

/** Room for 50 MB of files once written as JSON strings (quotes and line ends are escaped). */
const HSDS_IMPORT_BODY_LIMIT = HSDS_IMPORT_MAX_BYTES * 1.5;

const hsdsImport = defineRoute({
  method: 'POST',
  path: routePattern(paths.hsdsImport),
  operationId: 'importHsds',
  summary: "Reads HSDS 3.0 data (a JSON document, or the tabular package's CSV files) into the jurisdiction's draft",
  description:
    'Answers what was mapped and what was skipped and why. Input that is not HSDS (wrong types, duplicate ids, ' +
    'broken CSV) is refused whole, with the problems; nothing is written then. Nothing is published.',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  body: HsdsImportRequestSchema,
  bodyLimit: HSDS_IMPORT_BODY_LIMIT,
  responses: [
    { status: 200, description: 'Imported into the draft', schema: HsdsImportAnswerSchema },
    { status: 404, description: 'No such jurisdiction' },
    { status: 413, description: 'More than 50 MB of files (`import_too_large`)' },
    {
      status: 422,
      description: 'Not HSDS 3.0 (`hsds_refused`); `issues` name each problem, `problems` in detail',
      schema: HsdsRefusalSchema,
    },
  ],
  async handle(input) {
    const { params, body, context } = input;
    const bytes = body.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
    if (bytes > HSDS_IMPORT_MAX_BYTES) {
      throw new ApiProblem(
        413,
        'import_too_large',
        `The files hold ${(bytes / 1024 / 1024).toFixed(1)} MB; an HSDS import takes at most ${HSDS_IMPORT_MAX_BYTES / 1024 / 1024} MB. Nothing was imported.`,
      );
    }
    const outcome = await importHsdsIntoDraft(
      context.storage,
      params.id,
      body.files,
      {
        actorAccountId: signedInAccount(input).id,
        source: `HSDS import: ${body.files.map((file) => file.name).join(', ')}`,
      },
      context.now(),
    );
    if (outcome.status === 'unknown-jurisdiction') throw notFound(`No jurisdiction "${params.id}" on this server`);
    if (outcome.status === 'refused') {
      const issues = outcome.problems.map((problem) => ({
        path: [problem.file, problem.line === undefined ? undefined : `line ${problem.line}`, problem.path]
          .filter(Boolean)
          .join(' '),
        message: problem.message,
      }));
      return {
        status: 422,
        body: {
          error: 'hsds_refused',
          message: 'The files are not HSDS 3.0 that Rutas can read; nothing was imported',
          issues,
          problems: outcome.problems,
        },
      };
    }
    return { status: 200, body: { added: outcome.added, updated: outcome.updated, report: outcome.report } };
  },
});

const hsdsExport = defineRoute({
  method: 'GET',
  path: routePattern(paths.hsdsExport),
  operationId: 'exportHsds',
  summary: "The jurisdiction's latest release as HSDS 3.0 JSON (a page of organizations); public providers only",
  auth: 'account',
  permission: 'read-jurisdiction',
  params: JurisdictionParams,
  responses: [
    { status: 200, description: 'HSDS 3.0 organizations, as a download', schema: z.record(z.string(), z.unknown()) },
    { status: 404, description: 'No release to export' },
  ],
  async handle({ params, context }) {
    const exported = await exportHsds(context.storage, params.id);
    if (!exported) throw notFound(`No release of "${params.id}" to export`);
    return {
      status: 200,
      body: exported.hsds,
      headers: {
        ...NO_STORE,
        'Content-Disposition': `attachment; filename="${params.id}-release-${exported.release}.hsds.json"`,
      },
    };
  },
});

export const CONSOLE_OPERATIONS_ROUTES: readonly ApiRoute[] = [
  listFieldReports,
  decideFieldReport,
  listDevices,
  revokeDevice,
  newEnrolmentCode,
  jurisdictionAudit,
  wholeAudit,
  listAccounts,
  newAccount,
  newPassword,
  disable,
  hsdsImport,
  hsdsExport,
];
