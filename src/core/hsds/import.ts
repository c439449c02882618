import { hsdsId } from './ids';
import { readJsonDocument } from './json-document';
import { hsdsRecordOfSource, mapUnit } from './map-provider';
import { type HsdsUnit, ReadingLog } from './reading';
import type {
  HsdsExistingProvider,
  HsdsFile,
  HsdsImportRequest,
  HsdsImportResult,
  HsdsProviderReport,
  ImportedProvider,
} from './report';
import { readTabularPackage } from './tabular';

export { HSDS_IMPORT_MAX_BYTES } from './report';

const DESCRIPTOR = 'datapackage.json';
const extension = (name: string) => name.toLowerCase().split('.').pop() ?? '';

/**
 * Reads HSDS 3.0 data — one JSON document (organizations, services or service_at_locations,
 * alone, listed or paged), or the tabular package's CSV files with its datapackage.json — into
 * providers for a jurisdiction's draft, with a report of what was mapped and what was skipped
 * and why. Anything that is not HSDS (wrong types, duplicate ids, broken CSV, nothing to
 * import) refuses the whole import: nothing is half imported.
 */
export function importHsds(request: HsdsImportRequest): HsdsImportResult {
  const log = new ReadingLog();
  const units = readFiles(request.files, log);
  if (log.problems.length > 0) return { ok: false, problems: log.problems };

  const existing = request.existing ?? [];
  const context = {
    jurisdiction: request.jurisdiction,
    origins: log.origins,
    takenIds: new Set(existing.map((provider) => provider.id)),
    known: knownRecords(existing, request.jurisdiction.id),
    matched: new Set<string>(),
  };
  const providers: ImportedProvider[] = [];
  const reports: HsdsProviderReport[] = [];
  const skipped = [...log.notes];
  for (const unit of units) {
    const mapping = mapUnit(unit, context);
    if ('leftOut' in mapping) {
      skipped.push(mapping.leftOut);
      continue;
    }
    providers.push(mapping.provider);
    reports.push(mapping.report);
  }
  if (providers.length === 0) {
    return {
      ok: false,
      problems: [
        { code: 'empty', message: 'nothing to import: every organization and service is inactive or defunct' },
      ],
    };
  }
  return { ok: true, providers, report: { providers: reports, skipped } };
}

/** `<kind> <HSDS id>` → provider id: records imported before, and the organizations Rutas exports for them. */
function knownRecords(existing: readonly HsdsExistingProvider[], jurisdictionId: string): Map<string, string> {
  const known = new Map<string, string>();
  for (const provider of existing) {
    known.set(`organization ${hsdsId(jurisdictionId, 'organization', provider.id)}`, provider.id);
  }
  for (const provider of existing) {
    const record = provider.source ? hsdsRecordOfSource(provider.source) : undefined;
    if (record) known.set(`${record.kind} ${record.id}`, provider.id);
  }
  return known;
}

function readFiles(files: HsdsFile[], log: ReadingLog): HsdsUnit[] {
  if (files.length === 0) {
    log.problems.push({
      code: 'empty',
      message: 'no file was given: choose an HSDS JSON file or the CSV files of a package',
    });
    return [];
  }
  for (const file of files.filter((f) => f.content.trim() === '')) {
    log.problems.push({ code: 'empty', file: file.name, message: 'the file is empty' });
  }
  const readable = files.filter((file) => ['json', 'csv'].includes(extension(file.name)));
  for (const file of files.filter((f) => !readable.includes(f))) {
    log.notes.push({
      code: 'not_read',
      file: file.name,
      where: file.name,
      message: 'neither JSON nor CSV; the file was not read',
    });
  }
  if (log.problems.length > 0) return [];

  const tables = readable.filter((file) => extension(file.name) === 'csv');
  const documents = readable.filter((file) => extension(file.name) === 'json' && file.name !== DESCRIPTOR);
  const descriptor = readable.find((file) => file.name === DESCRIPTOR);
  if (tables.length > 0) {
    if (documents.length > 0) {
      log.problems.push({
        code: 'not_hsds',
        file: documents[0]?.name,
        message: `import either the CSV files of one package or one JSON document, not both (${documents.map((d) => d.name).join(', ')})`,
      });
      return [];
    }
    return readTabularPackage(tables, descriptor, log);
  }
  const [document, ...more] = documents;
  if (!document) {
    log.problems.push({
      code: 'empty',
      message: 'no HSDS data was given: choose an HSDS JSON file or the CSV files of a package',
    });
    return [];
  }
  if (more.length > 0) {
    log.problems.push({
      code: 'not_hsds',
      message: `import one JSON document at a time (given: ${documents.map((d) => d.name).join(', ')})`,
    });
    return [];
  }
  return readJsonDocument(document, log);
}
