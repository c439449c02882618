import type { Draft } from '../../core/console/protocol';
import { ActionRoute, Checklist, type Handbook, Jurisdiction, Provider } from '../../core/handbook/schema';
import { handbookRecords } from '../../core/release/publication';
import { handbookFromRecords, recordHashes, stateHash } from '../../core/release/records';
import { RELEASE_FORMAT } from '../../core/release/signature';
import type { JurisdictionHandbook } from '../handbook/types';

export interface DraftContent {
  /** undefined when the jurisdiction's own record is not valid: nothing can be shown without it. */
  handbook: Handbook | undefined;
  /** Keys of records left out because they do not pass validation (publishing is blocked by them anyway). */
  leftOut: string[];
}

const SCHEMAS = { provider: Provider, route: ActionRoute, checklist: Checklist } as const;

/** The draft as a handbook: archived records are left out, as publishing leaves them out. */
export function draftContent(draft: Draft): DraftContent {
  const leftOut: string[] = [];
  const providers: Provider[] = [];
  const routes: ActionRoute[] = [];
  const checklists: Checklist[] = [];
  let jurisdiction: Jurisdiction | undefined;
  for (const record of draft.records) {
    if (record.archived) continue;
    if (record.key === 'jurisdiction') {
      const parsed = Jurisdiction.safeParse(record.body);
      if (parsed.success) jurisdiction = parsed.data;
      else leftOut.push(record.key);
      continue;
    }
    const kind = record.key.split('/')[0] as keyof typeof SCHEMAS;
    const parsed = SCHEMAS[kind]?.safeParse(record.body);
    if (!parsed?.success) {
      leftOut.push(record.key);
      continue;
    }
    if (kind === 'provider') providers.push(parsed.data as Provider);
    if (kind === 'route') routes.push(parsed.data as ActionRoute);
    if (kind === 'checklist') checklists.push(parsed.data as Checklist);
  }
  return { handbook: jurisdiction && { jurisdiction, providers, routes, checklists }, leftOut };
}

/**
 * The draft as an enrolled phone of the jurisdiction would hold it once published: the same
 * records a release is made of (phones formatted for the country, restricted providers
 * included). It is not signed — nothing here is installed or verified — so its header
 * carries the record hashes and the next release number but no key or signature.
 */
export async function previewHandbook(handbook: Handbook, nextRelease: number): Promise<JurisdictionHandbook> {
  const variant = 'enrolled' as const;
  const records = handbookRecords(handbook, variant);
  const hashes = await recordHashes(records);
  const now = new Date().toISOString();
  const header = {
    format: RELEASE_FORMAT as typeof RELEASE_FORMAT,
    jurisdictionId: handbook.jurisdiction.id,
    number: nextRelease,
    variant,
    publishedAt: now,
    stateHash: await stateHash(hashes),
    recordCount: records.length,
    keyId: '',
  };
  return {
    ...handbookFromRecords(records),
    release: {
      jurisdictionId: header.jurisdictionId,
      number: nextRelease,
      variant,
      stateHash: header.stateHash,
      publishedAt: now,
      installedAt: now,
      recordHashes: hashes,
      release: { header, signature: '' },
    },
  };
}
