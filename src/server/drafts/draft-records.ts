import type { CountryCode } from 'libphonenumber-js/min';
import type { z } from 'zod';
import {
  ActionRoute,
  Checklist,
  type HandbookInput,
  Jurisdiction,
  Provider,
  type Provider as ProviderRecord,
} from '../../core/handbook/schema';
import { type HandbookIssue, providerIssues, toHandbookIssue } from '../../core/handbook/validate';
import { type HandbookRecord, parseRecordKey, type RecordKind } from '../../core/release/records';
import type { StoredDraftRecord } from '../storage/types';

/** The authoring schema of each kind of record. */
const SCHEMAS: Record<RecordKind, z.ZodType> = {
  jurisdiction: Jurisdiction,
  provider: Provider,
  route: ActionRoute,
  checklist: Checklist,
};

/** A published record as it is authored: without what publishing derives (formatted phone numbers). */
export function authoringBody(record: HandbookRecord): Record<string, unknown> {
  const { phoneDisplay: _, ...body } = record.body as unknown as Record<string, unknown>;
  return body;
}

export type RecordCheck = { ok: true; body: Record<string, unknown> } | { ok: false; issues: HandbookIssue[] };

/**
 * Checks one record of a draft on its own: its schema, that it carries the id of the place it is
 * saved at, and for a provider that its numbers are real numbers of the jurisdiction's country.
 * References to other records are checked when the whole draft is (before publishing).
 */
export function checkDraftRecord(key: string, body: unknown, country: string | undefined): RecordCheck {
  const { kind, id } = parseRecordKey(key);
  const parsed = SCHEMAS[kind].safeParse(body);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(toHandbookIssue) };
  const record = parsed.data as Record<string, unknown>;
  const issues: HandbookIssue[] = [];
  if (id !== undefined && record.id !== id) {
    issues.push({ path: ['id'], message: `the record is saved as "${id}", so its id must be "${id}"` });
  }
  if (kind === 'provider' && country) issues.push(...providerIssues(record as ProviderRecord, country as CountryCode));
  return issues.length === 0 ? { ok: true, body: record } : { ok: false, issues };
}

/** The handbook a draft would publish (archived providers left out), and which record each part came from. */
export function draftHandbookInput(records: readonly StoredDraftRecord[]): {
  input: Partial<HandbookInput>;
  keyAt(path: readonly (string | number)[]): string;
} {
  const live = records.filter((record) => !record.archived);
  const ofKind = (kind: RecordKind) => live.filter((record) => parseRecordKey(record.key).kind === kind);
  const lists = { providers: ofKind('provider'), routes: ofKind('route'), checklists: ofKind('checklist') };
  const jurisdiction = live.find((record) => record.key === 'jurisdiction');
  const input = {
    ...(jurisdiction && { jurisdiction: jurisdiction.body }),
    providers: lists.providers.map((record) => record.body),
    routes: lists.routes.map((record) => record.body),
    checklists: lists.checklists.map((record) => record.body),
  } as Partial<HandbookInput>;
  return {
    input,
    keyAt([list, index]) {
      if (list === 'jurisdiction') return 'jurisdiction';
      const record = lists[list as keyof typeof lists]?.[index as number];
      return record?.key ?? String(list);
    },
  };
}
