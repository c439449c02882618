import { z } from 'zod';
import { CASE_FACTS, POPULATIONS, ROUTE_STAGE_KINDS, SERVICE_TYPES } from './taxonomy';

/** Languages every user-visible content text must carry. */
export const CONTENT_LANGUAGES = ['es', 'en'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * Content text in Spanish and English; person-facing texts may carry more languages
 * (fr, ht, pt, indigenous languages) keyed by their BCP 47 code.
 */
export const LocalizedText = z
  .object({ es: nonEmpty, en: nonEmpty })
  .catchall(nonEmpty)
  .superRefine((text, ctx) => {
    for (const key of Object.keys(text)) {
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(key)) {
        ctx.addIssue({ code: 'custom', message: `"${key}" is not a language code (BCP 47)` });
      }
    }
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const RecordId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens (e.g. "casa-refugio")');

const IsoDate = z.iso.date('use a date as YYYY-MM-DD');
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use a 24-hour time as HH:MM (00:00–24:00)');
const Weekday = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'use an ISO 639 language code such as "es" or "miq"');
const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'write the number in E.164 form, e.g. +50422345678');

/** Short service numbers (911, 145) are dialled as they are, without a country prefix. */
export const EmergencyNumber = z.strictObject({
  label: LocalizedText,
  number: z.string().regex(/^\d{3,6}$|^\+[1-9]\d{6,14}$/, 'use a short code (e.g. 911) or an E.164 number'),
  provenance: z.lazy(() => Provenance),
});
export type EmergencyNumber = z.infer<typeof EmergencyNumber>;

export const Provenance = z.strictObject({
  source: nonEmpty,
  /** null: nobody has verified it yet; the app shows it as unverified. */
  verifiedAt: IsoDate.nullable(),
  verifiedBy: nonEmpty.nullable(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Jurisdiction = z.strictObject({
  id: RecordId,
  name: LocalizedText,
  localName: nonEmpty,
  /** ISO 3166-1 alpha-2 */
  country: z.string().regex(/^[A-Z]{2}$/, 'use an ISO 3166-1 alpha-2 country code such as "HN"'),
  /** ISO 3166-2 */
  subdivision: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'use an ISO 3166-2 code such as "HN-OC"'),
  defaultLanguage: z.enum(CONTENT_LANGUAGES),
  timeZone: nonEmpty.refine(isKnownTimeZone, 'use an IANA time zone such as "America/Tegucigalpa"'),
  emergencyNumbers: z.array(EmergencyNumber).min(1, 'list at least one emergency number'),
  summary: LocalizedText,
});
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** HSDS 3.0 schedule fields (weekly recurrence only). */
export const Schedule = z
  .strictObject({
    byday: z.array(Weekday).min(1),
    opens_at: Time,
    closes_at: Time,
    description: LocalizedText.optional(),
  })
  .refine((s) => s.opens_at !== s.closes_at, 'opens_at and closes_at must differ');
export type Schedule = z.infer<typeof Schedule>;

export const PhoneType = z.enum(['voice', 'hotline', 'fax', 'cell']);
export const Phone = z.strictObject({
  number: E164,
  type: PhoneType.default('voice'),
  description: LocalizedText.optional(),
});
export type Phone = z.infer<typeof Phone>;

/** HSDS 3.0 address fields. */
export const Address = z.strictObject({
  address_1: nonEmpty,
  address_2: nonEmpty.optional(),
  city: nonEmpty,
  state_province: nonEmpty,
  postal_code: nonEmpty.optional(),
  country: z.string().regex(/^[A-Z]{2}$/),
});
export type Address = z.infer<typeof Address>;

export const ServiceType = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof ServiceType>;
export const Population = z.enum(POPULATIONS);
export type Population = z.infer<typeof Population>;

export const Provider = z.strictObject({
  id: RecordId,
  name: LocalizedText,
  alternate_name: nonEmpty.optional(),
  description: LocalizedText,
  services: z.array(ServiceType).min(1, 'name at least one service type'),
  populations: z.array(Population).min(1, 'name at least one population served'),
  languages: z.array(LanguageCode).min(1, 'name at least one language spoken'),
  phones: z.array(Phone).default([]),
  whatsapp: E164.optional(),
  email: z.email('not an e-mail address').optional(),
  url: z.url('not a web address').optional(),
  address: Address.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  schedules: z.array(Schedule).default([]),
  visibility: z.enum(['public', 'restricted']),
  provenance: Provenance,
});
export type Provider = z.infer<typeof Provider>;

export const CaseFact = z.enum(CASE_FACTS);
export type CaseFact = z.infer<typeof CaseFact>;

/** A step applies to a case when every fact in `all` holds and none in `none` does. */
export const StepConditions = z.strictObject({
  all: z.array(CaseFact).default([]),
  none: z.array(CaseFact).default([]),
});
export type StepConditions = z.infer<typeof StepConditions>;

export const RouteStep = z.strictObject({
  id: RecordId,
  title: LocalizedText,
  action: LocalizedText,
  responsible: z.array(RecordId).default([]),
  timeframe: LocalizedText.optional(),
  legalBasis: LocalizedText.optional(),
  conditions: StepConditions.optional(),
});
export type RouteStep = z.infer<typeof RouteStep>;

export const RouteStage = z.strictObject({
  id: RecordId,
  kind: z.enum(ROUTE_STAGE_KINDS),
  title: LocalizedText,
  summary: LocalizedText.optional(),
  steps: z.array(RouteStep).min(1, 'a stage needs at least one step'),
});
export type RouteStage = z.infer<typeof RouteStage>;

export const ActionRoute = z.strictObject({
  id: RecordId,
  title: LocalizedText,
  summary: LocalizedText,
  principles: z.array(LocalizedText).default([]),
  stages: z.array(RouteStage).min(1),
});
export type ActionRoute = z.infer<typeof ActionRoute>;

export const Indicator = z.strictObject({
  id: RecordId,
  text: LocalizedText,
  /** The question a worker may ask, in the person's language; more languages may be added. */
  question: LocalizedText.optional(),
  guidance: LocalizedText.optional(),
});
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorGroup = z.strictObject({
  id: RecordId,
  title: LocalizedText,
  /** The two questions workers are taught to keep in mind. */
  relationship: z.enum(['control', 'exploitation', 'context']),
  indicators: z.array(Indicator).min(1),
});
export type IndicatorGroup = z.infer<typeof IndicatorGroup>;

export const Checklist = z.strictObject({
  id: RecordId,
  title: LocalizedText,
  summary: LocalizedText,
  guidance: z.array(LocalizedText).min(1, 'give the worker at least one piece of guidance'),
  groups: z.array(IndicatorGroup).min(1),
  ifPresent: LocalizedText,
});
export type Checklist = z.infer<typeof Checklist>;

/** A whole jurisdiction's handbook as it is authored in routes-data/<id>/. */
export const Handbook = z.strictObject({
  jurisdiction: Jurisdiction,
  providers: z.array(Provider),
  routes: z.array(ActionRoute).min(1, 'a handbook needs an action route'),
  checklists: z.array(Checklist),
});
export type Handbook = z.infer<typeof Handbook>;
export type HandbookInput = z.input<typeof Handbook>;

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
