import { z } from 'zod';
import { mapSchedules } from './map-hours';
import { mapPhones } from './map-phones';
import { mapPlace } from './map-place';
import { classify, mapLanguages } from './map-terms';
import { type HsdsObject, type HsdsUnit, isObject, list, type Origins, text } from './reading';
import type { HsdsImportJurisdiction, HsdsProviderReport, HsdsSkip, ImportedProvider } from './report';
import { reportNotKept, UnitReport } from './unit-report';

export interface MappingContext {
  jurisdiction: HsdsImportJurisdiction;
  origins: Origins;
  /** Provider ids of the draft and of earlier units of the same import. */
  takenIds: Set<string>;
  /** The draft's provider that an HSDS record was imported (or exported) as, by `<kind> <HSDS id>`. */
  known: Map<string, string>;
  /** Existing providers already matched by this import. */
  matched: Set<string>;
}

export type UnitMapping = { provider: ImportedProvider; report: HsdsProviderReport } | { leftOut: HsdsSkip };

/** The HSDS fields the mapping reads; any other field that holds something is reported as not kept. */
const ORGANIZATION_FIELDS_READ = [
  'id',
  'name',
  'alternate_name',
  'description',
  'email',
  'website',
  'phones',
  'locations',
  'services',
  'attributes',
];
const SERVICE_FIELDS_READ = [
  'id',
  'organization_id',
  'program_id',
  'name',
  'alternate_name',
  'description',
  'url',
  'email',
  'status',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'phones',
  'schedules',
  'service_at_locations',
  'languages',
  'organization',
  'attributes',
];

const HSDS_SOURCE_PREFIX = 'HSDS import: ';
const Email = z.email();
const Url = z.url();

/** A provider id from its name: lower-case ASCII words joined by hyphens, unique within the import. */
export function providerIdFor(name: string, takenIds: Set<string>): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = (words.length > 60 ? words.slice(0, 60).replace(/-[^-]*$/, '') : words) || 'provider';
  let id = base;
  for (let n = 2; takenIds.has(id); n++) id = `${base}-${n}`;
  takenIds.add(id);
  return id;
}

/** The first of some fields that holds a valid value; invalid ones are reported. */
function firstValid(
  report: UnitReport,
  field: 'email' | 'url',
  candidates: [HsdsObject | undefined, string][],
): string | undefined {
  for (const [record, hsdsField] of candidates) {
    const value = record && text(record[hsdsField]);
    if (!record || !value) continue;
    if ((field === 'email' ? Email : Url).safeParse(value).success) {
      report.from(field, record, hsdsField);
      return value;
    }
    report.skip(
      field === 'email' ? 'invalid_email' : 'invalid_url',
      record,
      `"${value}" is not ${field === 'email' ? 'an e-mail address' : 'a web address'}`,
      hsdsField,
    );
  }
  return undefined;
}

/**
 * Makes one provider of an organization and its services (or of a service of no known
 * organization). Whatever could not be taken over is reported with the reason; what a worker
 * relies on is never guessed silently, and the report says where each value came from.
 */
export function mapUnit(unit: HsdsUnit, context: MappingContext): UnitMapping {
  const report = new UnitReport(unit.file, context.jurisdiction, context.origins);
  const { organization } = unit;
  const services = unit.services.filter((service) => {
    const status = text(service.status)?.toLowerCase();
    if (status !== 'inactive' && status !== 'defunct') return true;
    report.skip('inactive_service', service, `the service "${text(service.name)}" is ${status}; it was left out`);
    return false;
  });
  const main = organization ?? services[0];
  if (!main || (unit.services.length > 0 && services.length === 0)) {
    const record = (organization ?? unit.services[0]) as HsdsObject;
    const message = `"${text(record.name)}" has no active service; it was not imported`;
    return { leftOut: { code: 'inactive_service', file: unit.file, where: report.at(record), message } };
  }

  const name = text(main.name) ?? '';
  const hsds = {
    kind: organization ? ('organization' as const) : ('service' as const),
    id: text(main.id) ?? '',
    file: unit.file,
  };
  const known = context.known.get(`${hsds.kind} ${hsds.id}`);
  // Each existing provider is matched once; another record of the same origin gets an id of its own.
  const id = known && !context.matched.has(known) ? known : providerIdFor(name, context.takenIds);
  context.matched.add(id);
  report.from('name', main, 'name');
  if (organization) reportNotKept(report, organization, 'organization', ORGANIZATION_FIELDS_READ);
  for (const service of services) reportNotKept(report, service, 'service', SERVICE_FIELDS_READ);

  const alternateName = text(main.alternate_name);
  if (alternateName) report.from('alternate_name', main, 'alternate_name');
  const describedBy = [main, ...services].find((record) => text(record.description));
  if (describedBy) report.from('description', describedBy, 'description');
  else report.skip('no_description', main, 'there is no description: write one in the console');
  const email = firstValid(report, 'email', [
    [organization, 'email'],
    ...services.map((s): [HsdsObject, string] => [s, 'email']),
  ]);
  const url = firstValid(report, 'url', [
    [organization, 'website'],
    ...services.map((s): [HsdsObject, string] => [s, 'url']),
  ]);

  // Where the services are delivered comes first; what is specific to a service at another place stays there.
  const atLocations = services.flatMap((service) => list(service, 'service_at_locations'));
  const place = mapPlace(
    [...atLocations.map((atLocation) => atLocation.location).filter(isObject), ...list(organization, 'locations')],
    report,
  );
  const atThisPlace = atLocations.filter((a) => !isObject(a.location) || a.location === place?.location);
  const placeRecords = place ? [place.location] : [];

  const phoneSources = [organization, ...services, ...atThisPlace, ...placeRecords];
  const {
    phones,
    whatsapp,
    languages: phoneLanguages,
  } = mapPhones(
    phoneSources.flatMap((record) => list(record, 'phones')),
    report,
  );
  const schedules = mapSchedules(
    [...services, ...atThisPlace, ...placeRecords].flatMap((record) => list(record, 'schedules')),
    report,
  );
  const languages = mapLanguages(
    [...[...services, ...placeRecords].flatMap((record) => list(record, 'languages')), ...phoneLanguages],
    report,
  );
  const classification = classify(organization, services, report);
  if (languages.length === 0)
    report.skip('no_language', main, 'no language spoken is given: add the languages in the console');
  if (classification.services.length === 0) {
    report.skip('no_service_type', main, 'no service type could be recognised: choose at least one in the console');
  }
  if (classification.populations.length === 0) {
    report.skip('no_population', main, 'no population served could be recognised: choose who it serves in the console');
  }

  const provider: ImportedProvider = {
    id,
    name: report.inLanguage(name),
    ...(alternateName ? { alternate_name: alternateName } : {}),
    description: describedBy ? report.inLanguage(text(describedBy.description) as string) : {},
    services: classification.services,
    populations: classification.populations,
    languages,
    phones,
    ...(whatsapp ? { whatsapp } : {}),
    ...(email ? { email } : {}),
    ...(url ? { url } : {}),
    ...(place?.address ? { address: place.address } : {}),
    ...(place?.latitude !== undefined ? { latitude: place.latitude, longitude: place.longitude } : {}),
    schedules,
    visibility: 'public',
    provenance: {
      source: `${HSDS_SOURCE_PREFIX}${unit.file} (${hsds.kind} ${hsds.id})`,
      verifiedAt: null,
      verifiedBy: null,
    },
  };
  return { provider, report: { providerId: id, name, hsds, mapped: report.mapped, skipped: report.skipped } };
}

/** The HSDS record an imported provider came from, read back from its provenance, so a re-import can match it. */
export function hsdsRecordOfSource(source: string): { kind: 'organization' | 'service'; id: string } | undefined {
  if (!source.startsWith(HSDS_SOURCE_PREFIX)) return undefined;
  const match = source.match(/\((organization|service) ([^()\s]+)\)$/);
  return match ? { kind: match[1] as 'organization' | 'service', id: match[2] as string } : undefined;
}
