import { z } from 'zod';
import { RecordId } from '../handbook/schema';
import { API_ROOT } from '../sync/protocol';

/** The coordinator console's API, under the same root as the sync API; every route needs a session. */
export const CONSOLE_ROOT = `${API_ROOT}/console`;

/** The header every console request other than GET carries the session's CSRF token in. */
export const CSRF_HEADER_NAME = 'x-csrf-token';

export const ACCOUNT_ROLES = ['admin', 'coordinator', 'trainer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const SESSION_PATH = `${API_ROOT}/session`;

export const LoginRequestSchema = z.strictObject({
  email: z.string().min(1, 'Enter your email address').max(320),
  password: z.string().min(1, 'Enter your password').max(1024),
});

export const SessionSchema = z.strictObject({
  account: z.strictObject({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ACCOUNT_ROLES),
    jurisdictionIds: z.array(z.string()).describe('The jurisdictions a coordinator keeps; empty for other roles'),
  }),
  csrfToken: z.string().describe('Send it in the x-csrf-token header with every request other than GET'),
});

/** The record kinds a coordinator edits, as they appear in console paths. */
export const DRAFT_KINDS = ['providers', 'routes', 'checklists'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

const jurisdictionPath = (id: string) => `${CONSOLE_ROOT}/jurisdictions/${encodeURIComponent(id)}`;

export const consolePaths = {
  jurisdictions: `${CONSOLE_ROOT}/jurisdictions`,
  accounts: `${CONSOLE_ROOT}/accounts`,
  /** POST a new password for the account (admins). */
  accountPassword: (accountId: string) => `${CONSOLE_ROOT}/accounts/${encodeURIComponent(accountId)}/password`,
  /** POST: the account can no longer sign in (admins). */
  accountDisable: (accountId: string) => `${CONSOLE_ROOT}/accounts/${encodeURIComponent(accountId)}/disable`,
  /** GET the whole audit log the account may see (admins: everything). */
  audit: `${CONSOLE_ROOT}/audit`,
  jurisdiction(id: string) {
    const base = jurisdictionPath(id);
    return {
      /** GET the draft; DELETE discards it (back to the latest release). */
      draft: `${base}/draft`,
      /** PUT the jurisdiction's own record (name, emergency numbers…). */
      draftJurisdiction: `${base}/draft/jurisdiction`,
      /** PUT one provider, route or checklist of the draft. */
      draftRecord: (kind: DraftKind, recordId: string) => `${base}/draft/${kind}/${encodeURIComponent(recordId)}`,
      /** GET the releases; POST publishes the draft. */
      releases: `${base}/releases`,
      /** GET every record of release n (enrolled content: what an enrolled phone shows). */
      release: (n: number) => `${base}/releases/${n}`,
      /** GET what changed from release `from` to release `to`. */
      diff: (to: number, from: number) => `${base}/releases/${to}/diff/${from}`,
      /** POST republishes an earlier release's content as a new release. */
      rollbacks: `${base}/rollbacks`,
      fieldReports: `${base}/field-reports`,
      fieldReport: (reportId: string) => `${base}/field-reports/${encodeURIComponent(reportId)}`,
      devices: `${base}/devices`,
      deviceRevocation: (deviceId: string) => `${base}/devices/${encodeURIComponent(deviceId)}/revocation`,
      enrolmentCodes: `${base}/enrolment-codes`,
      audit: `${base}/audit`,
      hsdsImport: `${base}/hsds-import`,
      hsdsExport: `${base}/hsds-export`,
    };
  },
};

/** A problem found in a record or a draft, with the path of the field inside it. */
export const IssueSchema = z.strictObject({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

export const ConsoleJurisdictionSchema = z.strictObject({
  id: RecordId,
  name: z.record(z.string(), z.string()),
  country: z.string(),
  latestRelease: z.number().int().nullable(),
  /** Whether the signed-in account may edit and publish it (else read only). */
  canEdit: z.boolean(),
});
export type ConsoleJurisdiction = z.infer<typeof ConsoleJurisdictionSchema>;

/**
 * One record of a draft. `revision` counts saves; a save names the revision it started from,
 * and a save from an older revision is refused as a conflict instead of overwriting.
 */
export const DraftRecordSchema = z.strictObject({
  key: z.string(),
  revision: z.number().int().positive(),
  /** An archived provider stays in the draft but is left out of releases. */
  archived: z.boolean(),
  updatedAt: z.string(),
  /** Display name of whoever saved it last; null when it came from a release. */
  updatedBy: z.string().nullable(),
  /** The record as authored (routes-data format): Provider, ActionRoute, Checklist or Jurisdiction. */
  body: z.record(z.string(), z.unknown()),
});
export type DraftRecord = z.infer<typeof DraftRecordSchema>;

export const RecordChangeSchema = z.strictObject({
  key: z.string(),
  kind: z.enum(['jurisdiction', 'provider', 'route', 'checklist']),
  change: z.enum(['added', 'removed', 'changed']),
  name: z.record(z.string(), z.string()).optional(),
  fields: z.array(z.string()),
});

export const DraftSchema = z.strictObject({
  jurisdictionId: RecordId,
  /** The release the draft was started from. */
  latestRelease: z.number().int().nullable(),
  records: z.array(DraftRecordSchema),
  /** What publishing now would change (enrolled content), empty when the draft equals the latest release. */
  changes: z.array(RecordChangeSchema),
  /** Problems that stop publishing, with paths into the handbook (e.g. ["providers", 2, "phones", 0, "number"]) … */
  issues: z.array(IssueSchema),
  /** … and the key of the record each problem is in, in the same order. */
  issueKeys: z.array(z.string()),
});
export type Draft = z.infer<typeof DraftSchema>;

export const SaveDraftRecordSchema = z.strictObject({
  body: z.record(z.string(), z.unknown()),
  /** The revision the edit started from; null for a new record. */
  baseRevision: z.number().int().positive().nullable(),
  archived: z.boolean().default(false),
});
export type SaveDraftRecord = z.input<typeof SaveDraftRecordSchema>;

/** 409 answer to a save that started from an older revision: both versions, nothing overwritten. */
export const DraftConflictSchema = z.strictObject({
  error: z.literal('conflict'),
  message: z.string(),
  yours: z.record(z.string(), z.unknown()),
  theirs: DraftRecordSchema.nullable(),
});

export const PublishRequestSchema = z.strictObject({
  message: z.string().trim().min(1, 'say in a few words what this release changes').max(500),
});

export const ConsoleReleaseSchema = z.strictObject({
  number: z.number().int().positive(),
  publishedAt: z.string(),
  message: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** Enrolled content's changes from the previous release. */
  changes: z.array(RecordChangeSchema),
});
export type ConsoleRelease = z.infer<typeof ConsoleReleaseSchema>;

export const PublishOutcomeSchema = z.strictObject({
  status: z.enum(['created', 'unchanged']),
  release: z.number().int().positive(),
});

export const RollbackRequestSchema = z.strictObject({
  release: z.number().int().positive(),
  message: PublishRequestSchema.shape.message,
});

export const FIELD_REPORT_OUTCOMES = ['resolved', 'dismissed'] as const;
export const FieldReportDecisionSchema = z.strictObject({
  status: z.enum(FIELD_REPORT_OUTCOMES),
  note: z.string().trim().max(1000).default(''),
});

export const ConsoleDeviceSchema = z.strictObject({
  id: z.string(),
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  releaseNumber: z.number().int().nullable(),
  /** Active and holding an older release than the latest. */
  outOfDate: z.boolean(),
});

export const EnrolmentCodeSchema = z.strictObject({
  code: z.string(),
  expiresAt: z.string(),
  /** What the QR code opens on a phone: the app's /enrol?code=… on this server. */
  url: z.string(),
  qrSvg: z.string(),
});

export const NewAccountSchema = z.strictObject({
  email: z.email(),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(['admin', 'coordinator', 'trainer']),
  jurisdictionIds: z.array(RecordId).default([]),
  password: z.string().min(12, 'use at least 12 characters').max(200),
});

export const PasswordResetSchema = z.strictObject({ password: NewAccountSchema.shape.password });

/** Files sent for an HSDS import: one JSON document, or the tabular package's CSV files. */
export const HsdsImportRequestSchema = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(200), content: z.string() }))
    .min(1)
    .max(50),
});

/** Every record of a release as it is authored (enrolled content: the whole handbook). */
export const ReleaseContentSchema = z.strictObject({
  number: z.number().int().positive(),
  records: z.array(z.strictObject({ key: z.string(), body: z.record(z.string(), z.unknown()) })),
});

export const ReleaseDiffSchema = z.strictObject({
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  changes: z.array(RecordChangeSchema),
});

export const ConsoleFieldReportSchema = z.strictObject({
  id: z.string(),
  deviceId: z.string(),
  jurisdictionId: z.string(),
  providerId: z.string(),
  releaseNumber: z.number().int(),
  problem: z.string(),
  details: z.string(),
  reportedAt: z.string(),
  receivedAt: z.string(),
  outcome: z
    .strictObject({
      status: z.enum(FIELD_REPORT_OUTCOMES),
      note: z.string(),
      decidedAt: z.string(),
      /** Display name of whoever decided; null for the CLI. */
      decidedBy: z.string().nullable(),
    })
    .nullable(),
});
export type ConsoleFieldReport = z.infer<typeof ConsoleFieldReportSchema>;

export const AuditEntrySchema = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  /** Display name (or email) of who did it; null for the command line and unknown people. */
  actor: z.string().nullable(),
  action: z.string(),
  jurisdictionId: z.string().nullable(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const ConsoleAccountSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  jurisdictionIds: z.array(z.string()),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ConsoleAccount = z.infer<typeof ConsoleAccountSchema>;

/** What an HSDS import did: providers added and updated in the draft, and the mapping report. */
export const HsdsImportAnswerSchema = z.strictObject({
  added: z.array(z.string()),
  updated: z.array(z.string()),
  /** See HsdsImportReport in src/core/hsds/report.ts. */
  report: z.strictObject({
    providers: z.array(z.record(z.string(), z.unknown())),
    skipped: z.array(z.record(z.string(), z.unknown())),
  }),
});

/** 422 answer to an import that is not HSDS: nothing was written. */
export const HsdsRefusalSchema = z.strictObject({
  error: z.literal('hsds_refused'),
  message: z.string(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })),
  /** See HsdsProblem in src/core/hsds/report.ts: code, file, line, path, message. */
  problems: z.array(z.record(z.string(), z.unknown())),
});
