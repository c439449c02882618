import type { ContentLanguage, Provider } from '../handbook/schema';

/** Callers (CLI, API) refuse larger imports before reading them. */
export const HSDS_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export interface HsdsFile {
  name: string;
  content: string;
}

export interface HsdsImportJurisdiction {
  id: string;
  /** ISO 3166-1 alpha-2: numbers written without a country prefix are read as this country's. */
  country: string;
  /** Imported text is put under this language only; the console lists the missing translation. */
  defaultLanguage: ContentLanguage;
}

/** A provider the jurisdiction's draft already has: its id, and where it came from. */
export interface HsdsExistingProvider {
  id: string;
  /** provenance.source: an earlier import's names the HSDS record it came from. */
  source?: string;
}

export interface HsdsImportRequest {
  files: HsdsFile[];
  jurisdiction: HsdsImportJurisdiction;
  /**
   * The draft's providers. A record imported before (or exported by Rutas from this
   * jurisdiction) keeps its provider's id, so the draft updates it; new providers get ids no
   * existing provider has, so nothing is replaced by accident.
   */
  existing?: readonly HsdsExistingProvider[];
}

/** Content text in the jurisdiction's default language only, until a coordinator translates it. */
export type ImportedText = Partial<Record<ContentLanguage, string>>;

/**
 * A provider as the import makes it for the jurisdiction's draft: the `Provider` shape with
 * text in one language, and possibly no service type, population or language where the HSDS
 * data named none Rutas knows. The draft's validation lists what is still missing.
 */
export type ImportedProvider = Omit<Provider, 'name' | 'description' | 'phones' | 'schedules' | 'visibility'> & {
  name: ImportedText;
  description: ImportedText;
  phones: (Omit<Provider['phones'][number], 'description'> & { description?: ImportedText })[];
  schedules: (Omit<Provider['schedules'][number], 'description'> & { description?: ImportedText })[];
  visibility: 'public';
};

/** Why the whole import was refused. */
export type HsdsProblemCode =
  | 'empty'
  | 'not_json'
  | 'not_hsds'
  | 'wrong_type'
  | 'missing_field'
  | 'duplicate_id'
  | 'broken_csv';

export interface HsdsProblem {
  code: HsdsProblemCode;
  file?: string;
  /** 1-based line of the file, where one can be named. */
  line?: number;
  /** Where inside a JSON document, e.g. `$.contents[2].phones[0].number`. */
  path?: string;
  message: string;
}

/** Why something was not imported. */
export type HsdsSkipCode =
  | 'unknown_field'
  | 'not_kept'
  | 'not_read'
  | 'invalid_phone'
  | 'phone_extension'
  | 'invalid_email'
  | 'invalid_url'
  | 'invalid_coordinates'
  | 'incomplete_address'
  | 'other_location'
  | 'schedule_not_weekly'
  | 'schedule_limits_ignored'
  | 'invalid_language'
  | 'unmapped_term'
  | 'no_service_type'
  | 'no_population'
  | 'no_language'
  | 'no_description'
  | 'inactive_service'
  | 'unlinked_row';

export interface HsdsSkip {
  code: HsdsSkipCode;
  file: string;
  /** The object or row, e.g. `$.services[0].phones[1]` or `phones.csv line 3`. */
  where: string;
  message: string;
}

/** One field of a provider that was filled, and from which HSDS field. */
export interface HsdsMapped {
  field: keyof ImportedProvider;
  from: string;
}

export interface HsdsProviderReport {
  providerId: string;
  name: string;
  /** The HSDS record the provider came from (kept in its provenance too, for a later re-import). */
  hsds: { kind: 'organization' | 'service'; id: string; file: string };
  mapped: HsdsMapped[];
  skipped: HsdsSkip[];
}

export interface HsdsImportReport {
  providers: HsdsProviderReport[];
  /** What belongs to no provider: unknown fields, tables Rutas does not read, services left out… */
  skipped: HsdsSkip[];
}

export type HsdsImportResult =
  | { ok: true; providers: ImportedProvider[]; report: HsdsImportReport }
  | { ok: false; problems: HsdsProblem[] };
