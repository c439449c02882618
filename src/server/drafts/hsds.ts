import type { ContentLanguage } from '../../core/handbook/schema';
import { type HsdsExport, handbookToHsds } from '../../core/hsds/export';
import { importHsds } from '../../core/hsds/import';
import type { HsdsFile, HsdsImportReport, HsdsProblem } from '../../core/hsds/report';
import { handbookFromRecords } from '../../core/release/records';
import { releaseSnapshot } from '../publishing/snapshots';
import type { Storage } from '../storage/types';
import { draftOrLatestRelease, importIntoDraft } from './drafts';

export type HsdsDraftImport =
  | { status: 'imported'; report: HsdsImportReport; added: string[]; updated: string[] }
  | { status: 'refused'; problems: HsdsProblem[] }
  | { status: 'unknown-jurisdiction' };

/**
 * Reads HSDS 3.0 data into a jurisdiction's draft, matched against the providers the draft has
 * (an earlier import of the same organization updates it instead of adding a copy). Input that
 * is not HSDS is refused whole; nothing is published.
 */
export async function importHsdsIntoDraft(
  storage: Storage,
  jurisdictionId: string,
  files: HsdsFile[],
  { actorAccountId, source }: { actorAccountId: string | null; source: string },
  now = new Date(),
): Promise<HsdsDraftImport> {
  const records = await draftOrLatestRelease(storage, jurisdictionId);
  const jurisdiction = records?.find((record) => record.key === 'jurisdiction')?.body;
  if (!records || typeof jurisdiction?.country !== 'string') return { status: 'unknown-jurisdiction' };
  const existing = records
    .filter((record) => record.key.startsWith('provider/'))
    .map((record) => {
      const provenance = record.body.provenance as { source?: unknown } | undefined;
      return {
        id: record.key.slice('provider/'.length),
        ...(typeof provenance?.source === 'string' && { source: provenance.source }),
      };
    });
  const result = importHsds({
    files,
    existing,
    jurisdiction: {
      id: jurisdictionId,
      country: jurisdiction.country,
      defaultLanguage: jurisdiction.defaultLanguage as ContentLanguage,
    },
  });
  if (!result.ok) return { status: 'refused', problems: result.problems };
  const { added, updated } = await importIntoDraft(
    storage,
    jurisdictionId,
    result.providers,
    { actorAccountId, source },
    now,
  );
  return { status: 'imported', report: result.report, added, updated };
}

/** The jurisdiction's latest release as HSDS 3.0; restricted providers are never in it. */
export async function exportHsds(
  storage: Storage,
  jurisdictionId: string,
): Promise<(HsdsExport & { release: number }) | undefined> {
  const latest = await storage.latestRelease(jurisdictionId, 'enrolled');
  const snapshot = latest && (await releaseSnapshot(storage, jurisdictionId, latest.number, 'enrolled'));
  if (!latest || !snapshot) return undefined;
  return { ...handbookToHsds(handbookFromRecords(snapshot.records)), release: latest.number };
}
