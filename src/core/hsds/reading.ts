import { fieldType, type HsdsEntity } from './fields';
import type { HsdsProblem, HsdsSkip } from './report';

export type HsdsObject = Record<string, unknown>;

export function isObject(value: unknown): value is HsdsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the mapping works on: an organization with its services, or services of no known
 * organization. JSON documents and the tabular package are both read into this shape.
 */
export interface HsdsUnit {
  file: string;
  organization?: HsdsObject;
  services: HsdsObject[];
}

type Origin = { style: 'json'; path: string } | { style: 'csv'; file: string; line: number };

/** Where each object was read from, so that the report can point at it. */
export class Origins {
  private readonly origins = new WeakMap<object, Origin>();

  json(object: object, path: string): void {
    this.origins.set(object, { style: 'json', path });
  }

  csv(object: object, file: string, line: number): void {
    this.origins.set(object, { style: 'csv', file, line });
  }

  copy(from: object, to: object): void {
    const origin = this.origins.get(from);
    if (origin) this.origins.set(to, origin);
  }

  /** The CSV file an object is a row of. */
  file(object: object): string | undefined {
    const origin = this.origins.get(object);
    return origin?.style === 'csv' ? origin.file : undefined;
  }

  /** `$.services[0]`, `$.services[0].name`, `phones.csv line 3` or `phones.csv line 3, number`. */
  at(object: object, field?: string): string {
    const origin = this.origins.get(object);
    if (!origin) return field ?? '';
    if (origin.style === 'json') return field ? `${origin.path}.${field}` : origin.path;
    return `${origin.file} line ${origin.line}${field ? `, ${field}` : ''}`;
  }
}

/** What reading the files found: problems refuse the import, notes go into the report. */
export class ReadingLog {
  readonly problems: HsdsProblem[] = [];
  readonly notes: HsdsSkip[] = [];
  readonly origins = new Origins();
}

const TYPE_NAMES = { string: 'text', number: 'a number', array: 'a list', object: 'an object' } as const;

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `${typeof value === 'number' ? 'the number' : typeof value} ${JSON.stringify(value)}`;
}

/**
 * Checks an object of a JSON document against the HSDS field table, recursively: a field of
 * the wrong type refuses the import; a field HSDS does not have is reported and ignored.
 * `null` counts as absent, as many exporters write it for empty fields.
 */
export function checkObject(value: unknown, entity: HsdsEntity, path: string, file: string, log: ReadingLog): void {
  if (!isObject(value)) {
    log.problems.push({
      code: 'wrong_type',
      file,
      path,
      message: `${path} should be an HSDS ${entity} object, but is ${describeValue(value)}`,
    });
    return;
  }
  log.origins.json(value, path);
  for (const [field, fieldValue] of Object.entries(value)) {
    const at = `${path}.${field}`;
    const type = fieldType(entity, field);
    if (type === undefined) {
      log.notes.push({
        code: 'unknown_field',
        file,
        where: at,
        message: `"${field}" is not a field of an HSDS ${entity}; it was ignored`,
      });
      continue;
    }
    if (fieldValue === null) continue;
    const [kind, nested] = type.split(':') as ['string' | 'number' | 'array' | 'object', HsdsEntity | undefined];
    const wrongType = () =>
      log.problems.push({
        code: 'wrong_type',
        file,
        path: at,
        message: `${at} should be ${TYPE_NAMES[kind]}, but is ${describeValue(fieldValue)}`,
      });
    if (kind === 'string' && typeof fieldValue !== 'string') wrongType();
    else if (kind === 'number' && (typeof fieldValue !== 'number' || !Number.isFinite(fieldValue))) wrongType();
    else if (kind === 'array') {
      if (!Array.isArray(fieldValue)) wrongType();
      else {
        for (const [i, item] of fieldValue.entries()) checkObject(item, nested as HsdsEntity, `${at}[${i}]`, file, log);
      }
    } else if (kind === 'object') checkObject(fieldValue, nested as HsdsEntity, at, file, log);
  }
}

/** A non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The objects of a list field (already type-checked), or none. */
export function list(object: HsdsObject | undefined, field: string): HsdsObject[] {
  const value = object?.[field];
  return Array.isArray(value) ? value.filter(isObject) : [];
}
