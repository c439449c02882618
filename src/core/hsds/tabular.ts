import Papa from 'papaparse';
import { fieldType, HSDS_TABLES, type HsdsEntity } from './fields';
import { type HsdsObject, type HsdsUnit, isObject, type ReadingLog, text } from './reading';
import type { HsdsFile } from './report';

/** The tables the mapping reads; the package's other tables hold nothing Rutas keeps. */
const READ_TABLES: HsdsEntity[] = [
  'organization',
  'service',
  'location',
  'service_at_location',
  'address',
  'phone',
  'schedule',
  'language',
  'attribute',
  'taxonomy_term',
  'taxonomy',
];

interface Table {
  file: string;
  rows: HsdsObject[];
}

/** Line numbers of offsets that mostly grow, counted once through the text (files may be large). */
function lineCounter(content: string): (offset: number) => number {
  let scanned = 0;
  let line = 1;
  return (offset) => {
    if (offset < scanned) {
      scanned = 0;
      line = 1;
    }
    for (; scanned < offset && scanned < content.length; scanned++) if (content[scanned] === '\n') line++;
    return line;
  };
}

/**
 * Parses one CSV table of the package into objects with the schema's types. A file that is not
 * well-formed CSV, a row with the wrong number of fields, a number that is not one, or an id
 * used twice refuses the import, naming the file and line.
 */
function parseTable(file: HsdsFile, entity: HsdsEntity, log: ReadingLog): Table {
  // Spreadsheets write CRLF, editors append LF: one kind of line break, so that no row swallows the next.
  const content = file.content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const broken = (line: number, message: string, code: 'broken_csv' | 'wrong_type' | 'duplicate_id' = 'broken_csv') =>
    log.problems.push({ code, file: file.name, line, message });

  const records: { fields: string[]; line: number; broken: boolean }[] = [];
  const lineOf = lineCounter(content);
  let rowStart = 0;
  Papa.parse<string[]>(content, {
    delimiter: ',',
    newline: '\n',
    skipEmptyLines: 'greedy',
    step: (result) => {
      // The row began where the previous one ended, past the line breaks (and blank lines) between them.
      let start = rowStart;
      while (/\s/.test(content[start] ?? '')) start++;
      records.push({ fields: result.data, line: lineOf(start), broken: result.errors.length > 0 });
      for (const error of result.errors) broken(lineOf(error.index ?? start), error.message);
      rowStart = result.meta.cursor;
    },
  });
  const [header, ...body] = records;
  if (!header) {
    broken(1, 'the file has no header row');
    return { file: file.name, rows: [] };
  }
  const columns = header.fields.map((name) => name.trim());
  columns.forEach((name, i) => {
    if (name === '') broken(header.line, `column ${i + 1} has no name`);
    else if (columns.indexOf(name) !== i) broken(header.line, `the column "${name}" appears twice`);
  });
  // Nested records (phones, schedules…) have tables of their own: a column cannot hold them.
  const isColumn = (name: string) => ['string', 'number'].includes(fieldType(entity, name) ?? '');
  for (const name of columns.filter((name) => name !== '' && !isColumn(name))) {
    log.notes.push({
      code: 'unknown_field',
      file: file.name,
      where: `${file.name} line ${header.line}`,
      message: `"${name}" is not a column of the HSDS ${entity} table; it was ignored`,
    });
  }

  const rows: HsdsObject[] = [];
  const idLines = new Map<string, number>();
  for (const { fields, line, broken: unreadable } of body) {
    if (unreadable) continue;
    if (fields.length !== columns.length) {
      broken(line, `the row has ${fields.length} field(s), but the header names ${columns.length}`);
      continue;
    }
    const row: HsdsObject = {};
    columns.forEach((name, i) => {
      const value = (fields[i] ?? '').trim();
      const type = fieldType(entity, name);
      if (value === '' || !isColumn(name)) return;
      if (type === 'number') {
        const number = Number(value);
        if (!Number.isFinite(number)) {
          broken(line, `"${name}" should be a number, but is "${value}"`, 'wrong_type');
          return;
        }
        row[name] = number;
      } else row[name] = value;
    });
    const id = text(row.id);
    const required = entity === 'organization' || entity === 'service' ? ['id', 'name'] : [];
    for (const field of required.filter((f) => !text(row[f]))) {
      log.problems.push({
        code: 'missing_field',
        file: file.name,
        line,
        message: `an HSDS ${entity} needs a "${field}"`,
      });
    }
    if (id) {
      const first = idLines.get(id);
      if (first !== undefined) broken(line, `the id ${id} is already used on line ${first}`, 'duplicate_id');
      else idLines.set(id, line);
    }
    log.origins.csv(row, file.name, line);
    rows.push(row);
  }
  return { file: file.name, rows };
}

/** Table names as the package's datapackage.json gives them, when it is a readable descriptor. */
function tablesNamedByDescriptor(descriptor: HsdsFile | undefined, log: ReadingLog): Map<string, HsdsEntity> {
  const named = new Map<string, HsdsEntity>();
  if (!descriptor) return named;
  let parsed: unknown;
  try {
    parsed = JSON.parse(descriptor.content);
  } catch {
    parsed = undefined;
  }
  const resources = isObject(parsed) && Array.isArray(parsed.resources) ? parsed.resources.filter(isObject) : undefined;
  if (!resources) {
    log.notes.push({
      code: 'not_read',
      file: descriptor.name,
      where: descriptor.name,
      message: 'not a data package descriptor; the tables were recognised by their HSDS file names',
    });
    return named;
  }
  for (const resource of resources) {
    const path = text(resource.path)?.split('/').pop();
    const name = text(resource.name);
    if (path && name && Object.values(HSDS_TABLES).includes(name as HsdsEntity)) named.set(path, name as HsdsEntity);
  }
  return named;
}

/**
 * Reads the tabular package (organizations.csv, services.csv, … and datapackage.json) and
 * nests its rows the way the JSON documents nest them: phones, schedules, languages and
 * locations under the organizations and services they belong to.
 */
export function readTabularPackage(files: HsdsFile[], descriptor: HsdsFile | undefined, log: ReadingLog): HsdsUnit[] {
  const named = tablesNamedByDescriptor(descriptor, log);
  const tables = new Map<HsdsEntity, Table>();
  for (const file of files) {
    const entity = named.get(file.name) ?? HSDS_TABLES[file.name];
    if (!entity) {
      log.notes.push({
        code: 'not_read',
        file: file.name,
        where: file.name,
        message: 'not a table of the HSDS tabular package; the file was not read',
      });
      continue;
    }
    const table = parseTable(file, entity, log);
    if (READ_TABLES.includes(entity)) tables.set(entity, table);
    else if (table.rows.length > 0) {
      log.notes.push({
        code: 'not_kept',
        file: file.name,
        where: file.name,
        message: `Rutas keeps no ${entity.replace(/_/g, ' ')} records; the table was checked but not imported`,
      });
    }
  }
  if (log.problems.length > 0) return [];
  const organizations = tables.get('organization');
  const services = tables.get('service');
  if (!organizations?.rows.length && !services?.rows.length) {
    log.problems.push({
      code: 'empty',
      message: 'the package has no organization or service: organizations.csv and services.csv are missing or empty',
    });
    return [];
  }
  return linkTables(tables, log);
}

function linkTables(tables: Map<HsdsEntity, Table>, log: ReadingLog): HsdsUnit[] {
  const rowsOf = (entity: HsdsEntity) => tables.get(entity)?.rows ?? [];
  const byId = (entity: HsdsEntity) => new Map(rowsOf(entity).map((row) => [text(row.id) ?? '', row] as const));
  const organizations = byId('organization');
  const services = byId('service');
  const locations = byId('location');
  const atLocations = byId('service_at_location');
  const phones = byId('phone');
  const taxonomies = byId('taxonomy');
  const terms = byId('taxonomy_term');
  const linked = new Set<HsdsObject>();

  const push = (parent: HsdsObject | undefined, field: string, child: HsdsObject): boolean => {
    if (!parent) return false;
    const children = (parent[field] as HsdsObject[] | undefined) ?? [];
    if (!children.includes(child)) children.push(child);
    parent[field] = children;
    linked.add(child);
    return true;
  };
  const unlinked = (row: HsdsObject, what: string) =>
    log.notes.push({
      code: 'unlinked_row',
      file: log.origins.file(row) ?? '',
      where: log.origins.at(row),
      message: `this ${what} belongs to no organization, service or location of the package; it was not imported`,
    });
  const get = <T>(map: Map<string, T>, id: unknown) => map.get(text(id) ?? '\0');

  for (const term of rowsOf('taxonomy_term')) {
    const taxonomy = get(taxonomies, term.taxonomy_id);
    if (taxonomy) term.taxonomy_detail = taxonomy;
  }
  for (const attribute of rowsOf('attribute')) {
    const term = get(terms, attribute.taxonomy_term_id);
    if (term) attribute.taxonomy_term = term;
    const owner =
      get(services, attribute.link_id) ?? get(organizations, attribute.link_id) ?? get(locations, attribute.link_id);
    if (!push(owner, 'attributes', attribute)) unlinked(attribute, 'attribute');
  }
  for (const address of rowsOf('address')) {
    if (!push(get(locations, address.location_id), 'addresses', address)) unlinked(address, 'address');
  }
  for (const language of rowsOf('language')) {
    const owners = [
      get(services, language.service_id),
      get(locations, language.location_id),
      get(phones, language.phone_id),
    ];
    if (!owners.map((owner) => push(owner, 'languages', language)).some(Boolean)) unlinked(language, 'language');
  }
  for (const atLocation of rowsOf('service_at_location')) {
    const location = get(locations, atLocation.location_id);
    if (location) {
      atLocation.location = location;
      linked.add(location);
    }
    if (!push(get(services, atLocation.service_id), 'service_at_locations', atLocation)) {
      unlinked(atLocation, 'service_at_location');
    }
  }
  for (const phone of rowsOf('phone')) {
    const owners = [
      get(organizations, phone.organization_id),
      get(services, phone.service_id),
      get(locations, phone.location_id),
      get(atLocations, phone.service_at_location_id),
    ];
    if (!owners.map((owner) => push(owner, 'phones', phone)).some(Boolean)) unlinked(phone, 'phone');
  }
  for (const schedule of rowsOf('schedule')) {
    const owners = [
      get(services, schedule.service_id),
      get(locations, schedule.location_id),
      get(atLocations, schedule.service_at_location_id),
    ];
    if (!owners.map((owner) => push(owner, 'schedules', schedule)).some(Boolean)) unlinked(schedule, 'schedule');
  }
  for (const location of rowsOf('location')) {
    const organization = get(organizations, location.organization_id);
    if (organization) push(organization, 'locations', location);
    else if (!linked.has(location)) unlinked(location, 'location');
  }

  const units: HsdsUnit[] = rowsOf('organization').map((organization) => ({
    file: tables.get('organization')?.file ?? '',
    organization,
    services: [],
  }));
  const unitOf = new Map(units.map((unit) => [unit.organization as HsdsObject, unit]));
  for (const service of rowsOf('service')) {
    const organization = get(organizations, service.organization_id);
    const unit = organization ? unitOf.get(organization) : undefined;
    if (unit) unit.services.push(service);
    else units.push({ file: tables.get('service')?.file ?? '', services: [service] });
  }
  return units;
}
