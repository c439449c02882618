import { z } from 'zod';
import { ActionRoute, Checklist, Jurisdiction, LocalizedText, Provider, RecordId } from '../handbook/schema';
import type { HandbookRecord, ReleaseVariant } from '../release/records';
import { RELEASE_FORMAT, type SignedReleaseHeader } from '../release/signature';

/** The sync API's root; every path below is relative to the server's origin. */
export const API_ROOT = '/api/v1';

/** Where a device finds a jurisdiction's releases: public ones for all, enrolled ones with a device token. */
export function syncPaths(jurisdictionId: string, variant: ReleaseVariant) {
  const base = `${API_ROOT}/jurisdictions/${encodeURIComponent(jurisdictionId)}${variant === 'enrolled' ? '/enrolled' : ''}`;
  return {
    manifest: `${base}/manifest`,
    snapshot: (number: number) => `${base}/releases/${number}`,
    changes: (number: number, from: number) => `${base}/releases/${number}/changes/${from}`,
  };
}

export const ENROLMENTS_PATH = `${API_ROOT}/enrolments`;
export const FIELD_REPORTS_PATH = `${API_ROOT}/field-reports`;
export const FIELD_REPORT_OUTCOMES_PATH = `${API_ROOT}/field-reports/outcomes`;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const PhoneDisplay = z.record(z.string(), z.string());

export const ReleaseHeaderSchema = z.strictObject({
  format: z.literal(RELEASE_FORMAT),
  jurisdictionId: RecordId,
  number: z.number().int().positive(),
  variant: z.enum(['public', 'enrolled']),
  publishedAt: z.iso.datetime(),
  stateHash: Hex64,
  recordCount: z.number().int().positive(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
});

export const SignedReleaseHeaderSchema = z.strictObject({
  header: ReleaseHeaderSchema,
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});

const RecordSchema = z.union([
  z.strictObject({ key: z.literal('jurisdiction'), body: Jurisdiction.extend({ phoneDisplay: PhoneDisplay }) }),
  z.strictObject({
    key: z.string().regex(/^provider\/[a-z0-9][a-z0-9-]*$/),
    body: Provider.extend({ phoneDisplay: PhoneDisplay }),
  }),
  z.strictObject({ key: z.string().regex(/^route\/[a-z0-9][a-z0-9-]*$/), body: ActionRoute }),
  z.strictObject({ key: z.string().regex(/^checklist\/[a-z0-9][a-z0-9-]*$/), body: Checklist }),
]);

/** A jurisdiction's latest release as one conditional request sees it. */
export interface ReleaseManifest {
  jurisdictionId: string;
  variant: ReleaseVariant;
  release: SignedReleaseHeader;
}

export const ReleaseManifestSchema = z.strictObject({
  jurisdictionId: RecordId,
  variant: z.enum(['public', 'enrolled']),
  release: SignedReleaseHeaderSchema,
});

/** Every record of a release. */
export interface ReleaseSnapshot {
  release: SignedReleaseHeader;
  records: HandbookRecord[];
}

export const ReleaseSnapshotSchema = z.strictObject({
  release: SignedReleaseHeaderSchema,
  records: z.array(RecordSchema),
});

/** What changed from release `from` to `release`: changed records and the keys of removed ones. */
export interface ReleaseChanges {
  release: SignedReleaseHeader;
  from: { number: number; stateHash: string };
  changed: HandbookRecord[];
  removed: string[];
}

export const ReleaseChangesSchema = z.strictObject({
  release: SignedReleaseHeaderSchema,
  from: z.strictObject({ number: z.number().int().positive(), stateHash: Hex64 }),
  changed: z.array(RecordSchema),
  removed: z.array(z.string().regex(/^(provider|route|checklist)\/[a-z0-9][a-z0-9-]*$/)),
});

/** A jurisdiction the server publishes, as the public list shows it. */
export const JurisdictionSummarySchema = z.strictObject({
  id: RecordId,
  name: LocalizedText,
  country: z.string(),
  latestRelease: z.number().int().positive(),
  publishedAt: z.iso.datetime(),
});
export type JurisdictionSummary = z.infer<typeof JurisdictionSummarySchema>;

/** Enrolment codes are shown to a person and typed on a phone: unambiguous letters and digits. */
export const ENROLMENT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const EnrolmentCode = z
  .string()
  .trim()
  .toUpperCase()
  .transform((code) => code.replace(/[\s-]/g, ''))
  .pipe(
    z.string().regex(new RegExp(`^[${ENROLMENT_CODE_ALPHABET}]{12}$`), 'An enrolment code has 12 letters and digits'),
  );

export const EnrolmentRequestSchema = z.strictObject({
  code: EnrolmentCode,
  deviceId: z.uuid(),
});
export type EnrolmentRequest = z.infer<typeof EnrolmentRequestSchema>;

export const EnrolmentResponseSchema = z.strictObject({
  jurisdictionId: RecordId,
  deviceId: z.uuid(),
  deviceToken: z.string().min(32),
});
export type EnrolmentResponse = z.infer<typeof EnrolmentResponseSchema>;

export const FIELD_REPORT_PROBLEMS = ['no-answer', 'wrong-number', 'moved', 'closed', 'other'] as const;
export type FieldReportProblem = (typeof FIELD_REPORT_PROBLEMS)[number];

/** A worker's report that a provider record is wrong; `id` is generated on the device, so resending is harmless. */
export const FieldReportSchema = z
  .strictObject({
    id: z.uuid(),
    deviceId: z.uuid(),
    jurisdictionId: RecordId,
    providerId: RecordId,
    releaseNumber: z.number().int().positive(),
    problem: z.enum(FIELD_REPORT_PROBLEMS),
    details: z.string().trim().max(1000),
    reportedAt: z.iso.datetime(),
  })
  .refine((report) => report.problem !== 'other' || report.details.length > 0, {
    message: 'Describe the problem when it is "other"',
    path: ['details'],
  });
export type FieldReport = z.infer<typeof FieldReportSchema>;

/** The most report ids one outcome request may name. */
export const FIELD_REPORT_OUTCOMES_MAX = 200;

/** A device asks what became of the reports it sent, by their ids (which only it knows). */
export const FieldReportOutcomesRequestSchema = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(FIELD_REPORT_OUTCOMES_MAX),
});

/** What coordinators decided; reports still open are left out. No note: it may be about other people. */
export const FieldReportOutcomesSchema = z.strictObject({
  outcomes: z.array(
    z.strictObject({ id: z.uuid(), status: z.enum(['resolved', 'dismissed']), decidedAt: z.iso.datetime() }),
  ),
});
export type FieldReportOutcomes = z.infer<typeof FieldReportOutcomesSchema>;

/** Every API error: a stable code and a sentence a person can act on. */
export interface ApiError {
  error: string;
  message: string;
  /** For invalid requests: where in the request each problem is. */
  issues?: { path: string; message: string }[];
}
