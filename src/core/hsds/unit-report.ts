import { fieldType, type HsdsEntity } from './fields';
import type { HsdsObject, Origins } from './reading';
import type {
  HsdsImportJurisdiction,
  HsdsMapped,
  HsdsSkip,
  HsdsSkipCode,
  ImportedProvider,
  ImportedText,
} from './report';

/** What the mapping of one provider took over and left out, pointing into the HSDS data. */
export class UnitReport {
  readonly mapped: HsdsMapped[] = [];
  readonly skipped: HsdsSkip[] = [];
  /** HSDS objects nested in several places (one phone under the organization and its service) are read once. */
  private readonly seen = new Set<unknown>();

  constructor(
    readonly file: string,
    readonly jurisdiction: HsdsImportJurisdiction,
    private readonly origins: Origins,
  ) {}

  at(object: HsdsObject, field?: string): string {
    return this.origins.at(object, field);
  }

  from(field: keyof ImportedProvider, object: HsdsObject, hsdsField?: string): void {
    this.mapped.push({ field, from: this.at(object, hsdsField) });
  }

  skip(code: HsdsSkipCode, object: HsdsObject, message: string, field?: string): void {
    this.skipped.push({ code, file: this.file, where: this.at(object, field), message });
  }

  /** Imported text goes under the jurisdiction's default language only. */
  inLanguage(value: string): ImportedText {
    return { [this.jurisdiction.defaultLanguage]: value };
  }

  /** false for an object (or an id of a kind) already read. */
  firstTime(kind: string, object: HsdsObject): boolean {
    const id = typeof object.id === 'string' && object.id.trim() !== '' ? `${kind}:${object.id.trim()}` : undefined;
    if (this.seen.has(object) || (id && this.seen.has(id))) return false;
    this.seen.add(object);
    if (id) this.seen.add(id);
    return true;
  }
}

/** A value worth mentioning: not null, not blank, not an empty list. */
export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Reports the HSDS fields of an object that hold something but that the mapping does not read
 * (fields HSDS does not have were reported as unknown when the file was read).
 */
export function reportNotKept(
  report: UnitReport,
  object: HsdsObject,
  entity: HsdsEntity,
  read: readonly string[],
): void {
  const fields = Object.keys(object).filter(
    (field) => hasValue(object[field]) && !read.includes(field) && fieldType(entity, field) !== undefined,
  );
  if (fields.length > 0) report.skip('not_kept', object, `not kept by Rutas: ${fields.join(', ')}`);
}
