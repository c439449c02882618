import { checkObject, type HsdsObject, type HsdsUnit, isObject, list, type ReadingLog, text } from './reading';
import type { HsdsFile } from './report';

type DocumentKind = 'organization' | 'service' | 'service_at_location';

const PAGE_FIELDS = new Set([
  'total_items',
  'total_pages',
  'page_number',
  'size',
  'first_page',
  'last_page',
  'empty',
  'contents',
]);

/** Fields only a service has (of those an organization could be confused with). */
const SERVICE_ONLY = [
  'status',
  'organization',
  'organization_id',
  'program_id',
  'program',
  'service_at_locations',
  'service_areas',
  'eligibility_description',
  'application_process',
  'interpretation_services',
  'fees_description',
  'cost_options',
  'required_documents',
  'minimum_age',
  'maximum_age',
  'assured_date',
  'last_modified',
];

/** Fields of the other HSDS objects a document may hold, which cannot become providers on their own. */
const OTHER_OBJECTS: [string, string[]][] = [
  ['API description', ['openapi_url', 'profile']],
  ['location', ['location_type', 'latitude', 'longitude', 'addresses', 'transportation', 'accessibility']],
  ['taxonomy term', ['code', 'taxonomy', 'taxonomy_id', 'term_uri', 'parent_id']],
  ['taxonomy', ['version']],
];

function detectKind(item: HsdsObject): DocumentKind | { other: string } | undefined {
  const has = (field: string) => field in item;
  if (isObject(item.service) || (isObject(item.location) && !has('name'))) return 'service_at_location';
  if (SERVICE_ONLY.some(has)) return 'service';
  for (const [name, fields] of OTHER_OBJECTS) if (fields.some(has)) return { other: name };
  if (has('id') || has('name')) return 'organization';
  return undefined;
}

/** The line of a position in a text, for JSON syntax errors. */
function lineOf(content: string, position: number): number {
  return content.slice(0, position).split('\n').length;
}

function parseJson(file: HsdsFile, log: ReadingLog): unknown {
  try {
    return JSON.parse(file.content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = reason.match(/position (\d+)/)?.[1];
    const line =
      position === undefined
        ? Number(reason.match(/line (\d+)/)?.[1]) || undefined
        : lineOf(file.content, Number(position));
    log.problems.push({
      code: 'not_json',
      file: file.name,
      ...(line ? { line } : {}),
      message: `not valid JSON: ${reason}`,
    });
    return undefined;
  }
}

/**
 * Reads one HSDS JSON document — an organization, a service or a service_at_location, alone,
 * in a list, or in an API page (`{ contents: [...] }`) — into units, one per organization.
 */
export function readJsonDocument(file: HsdsFile, log: ReadingLog): HsdsUnit[] {
  const document = parseJson(file, log);
  if (document === undefined) return [];
  const refuse = (message: string, path = '$') => {
    log.problems.push({ code: 'not_hsds', file: file.name, path, message });
    return [];
  };

  let items: unknown[];
  let itemPath: (i: number) => string;
  if (Array.isArray(document)) {
    items = document;
    itemPath = (i) => `$[${i}]`;
  } else if (isObject(document) && Array.isArray(document.contents)) {
    items = document.contents;
    itemPath = (i) => `$.contents[${i}]`;
    for (const field of Object.keys(document).filter((f) => !PAGE_FIELDS.has(f))) {
      log.notes.push({
        code: 'unknown_field',
        file: file.name,
        where: `$.${field}`,
        message: `"${field}" is not a field of an HSDS page; it was ignored`,
      });
    }
  } else if (isObject(document)) {
    const keys = Object.keys(document);
    if (keys.length > 0 && keys.every((key) => key.endsWith('.csv'))) {
      return refuse(
        'this is the tabular package written as JSON; import its CSV files (with datapackage.json) instead',
      );
    }
    items = [document];
    itemPath = () => '$';
  } else {
    return refuse('an HSDS document is an object or a list of objects');
  }
  if (items.length === 0) {
    log.problems.push({ code: 'empty', file: file.name, message: 'the document holds no organization or service' });
    return [];
  }

  const kinds = new Set<DocumentKind>();
  for (const [i, item] of items.entries()) {
    if (!isObject(item)) return refuse(`${itemPath(i)} is not an object`, itemPath(i));
    const kind = detectKind(item);
    if (kind === undefined) return refuse(`${itemPath(i)} is not an HSDS organization, service or service_at_location`);
    if (typeof kind === 'object') {
      return refuse(
        `${itemPath(i)} is an HSDS ${kind.other}, which cannot become a provider on its own; import organizations, services or service_at_locations`,
      );
    }
    kinds.add(kind);
  }
  const [kind, ...others] = [...kinds];
  if (others.length > 0 || !kind) {
    return refuse(`a list must hold one kind of record, but this one mixes ${[...kinds].join(' and ')}`);
  }

  const problemsBefore = log.problems.length;
  items.forEach((item, i) => {
    checkObject(item, kind, itemPath(i), file.name, log);
  });
  if (log.problems.length > problemsBefore) return [];
  const records = items as HsdsObject[];
  checkIdentity(records, kind, file.name, log);
  if (log.problems.length > problemsBefore) return [];

  if (kind === 'organization') {
    return records.map((organization) => ({ file: file.name, organization, services: list(organization, 'services') }));
  }
  const services = kind === 'service' ? records : servicesOfLocations(records, log);
  return unitsOfServices(services, file.name);
}

/** Every record needs an id and a name to become a provider; ids must be unique. */
function checkIdentity(records: HsdsObject[], kind: DocumentKind, file: string, log: ReadingLog): void {
  const origins = log.origins;
  const requireIdAndName = (record: HsdsObject, what: string) => {
    for (const field of what === 'service_at_location' ? ['id'] : ['id', 'name']) {
      if (!text(record[field])) {
        log.problems.push({
          code: 'missing_field',
          file,
          path: origins.at(record, field),
          message: `${origins.at(record)}: an HSDS ${what} needs a "${field}"`,
        });
      }
    }
  };
  const checkUnique = (objects: HsdsObject[], what: string) => {
    const seen = new Map<string, HsdsObject>();
    for (const object of objects) {
      const id = text(object.id);
      if (!id) continue;
      const first = seen.get(id);
      if (first) {
        log.problems.push({
          code: 'duplicate_id',
          file,
          path: origins.at(object, 'id'),
          message: `${origins.at(object)} has the same ${what} id as ${origins.at(first)} (${id}); HSDS ids must be unique`,
        });
      } else seen.set(id, object);
    }
  };

  checkUnique(records, kind);
  for (const record of records) {
    requireIdAndName(record, kind);
    if (kind === 'organization') {
      const services = list(record, 'services');
      for (const service of services) requireIdAndName(service, 'service');
      checkUnique(services, 'service');
    }
    if (kind === 'service' && isObject(record.organization)) requireIdAndName(record.organization, 'organization');
    if (kind === 'service_at_location') {
      if (!isObject(record.service)) {
        log.problems.push({
          code: 'missing_field',
          file,
          path: origins.at(record, 'service'),
          message: `${origins.at(record)}: a service_at_location needs its "service" to become a provider`,
        });
      } else {
        requireIdAndName(record.service, 'service');
        if (isObject(record.service.organization)) requireIdAndName(record.service.organization, 'organization');
      }
    }
  }
}

/** A service delivered at several locations appears once per location: one service, all its locations. */
function servicesOfLocations(records: HsdsObject[], log: ReadingLog): HsdsObject[] {
  const services = new Map<string, HsdsObject>();
  for (const record of records) {
    const service = record.service as HsdsObject;
    const id = text(service.id) as string;
    let merged = services.get(id);
    if (!merged) {
      merged = { ...service, service_at_locations: [...list(service, 'service_at_locations')] };
      log.origins.copy(service, merged);
      services.set(id, merged);
    }
    const { service: _service, ...atLocation } = record;
    log.origins.copy(record, atLocation);
    (merged.service_at_locations as HsdsObject[]).push(atLocation);
  }
  return [...services.values()];
}

/** Services of the same organization make one provider; a service of no organization makes its own. */
function unitsOfServices(services: HsdsObject[], file: string): HsdsUnit[] {
  const units: HsdsUnit[] = [];
  const byOrganization = new Map<string, HsdsUnit>();
  for (const service of services) {
    const organization = isObject(service.organization) ? service.organization : undefined;
    const organizationId = text(organization?.id);
    const unit = organizationId ? byOrganization.get(organizationId) : undefined;
    if (unit) {
      unit.services.push(service);
      continue;
    }
    const created: HsdsUnit = { file, ...(organization ? { organization } : {}), services: [service] };
    if (organizationId) byOrganization.set(organizationId, created);
    units.push(created);
  }
  return units;
}
