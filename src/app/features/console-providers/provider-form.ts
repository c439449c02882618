import type { z } from 'zod';
import type { PhoneType, Population, ServiceType } from '../../../core/handbook/schema';
import { type PhoneProblem, phoneEntryText, readPhoneEntry } from './phone-entry';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
type PhoneKind = z.infer<typeof PhoneType>;

export interface Bilingual {
  es: string;
  en: string;
}

export interface PhoneRow {
  /** Stable across edits, for React's list keys. */
  key: string;
  /** As the coordinator types it. */
  text: string;
  type: PhoneKind;
  description: Bilingual;
}

export interface ScheduleRow {
  key: string;
  byday: Weekday[];
  opens: string;
  closes: string;
  description: Bilingual;
}

/** A provider as the editor holds it: text as typed, turned into the record only on save. */
export interface ProviderForm {
  id: string;
  name: Bilingual;
  alternateName: string;
  description: Bilingual;
  services: ServiceType[];
  populations: Population[];
  /** ISO 639 codes separated by commas or spaces. */
  languages: string;
  phones: PhoneRow[];
  whatsapp: string;
  email: string;
  url: string;
  address: {
    address_1: string;
    address_2: string;
    city: string;
    state_province: string;
    postal_code: string;
    country: string;
  };
  latitude: string;
  longitude: string;
  schedules: ScheduleRow[];
  visibility: 'public' | 'restricted';
  provenance: { source: string; verifiedAt: string; verifiedBy: string };
}

type Body = Record<string, unknown>;

let rowCount = 0;
export const newRowKey = () => `row-${++rowCount}`;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const obj = (value: unknown): Body =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const bilingual = (value: unknown): Bilingual => ({ es: str(obj(value).es), en: str(obj(value).en) });

export function emptyPhone(): PhoneRow {
  return { key: newRowKey(), text: '', type: 'voice', description: { es: '', en: '' } };
}

export function emptySchedule(): ScheduleRow {
  return { key: newRowKey(), byday: [], opens: '', closes: '', description: { es: '', en: '' } };
}

/** The editor's state for a record of the draft (or a new one), whatever shape it arrives in. */
export function formFromBody(body: Body, country: string): ProviderForm {
  const address = obj(body.address);
  const provenance = obj(body.provenance);
  const number = (value: unknown) => (typeof value === 'number' ? String(value) : str(value));
  return {
    id: str(body.id),
    name: bilingual(body.name),
    alternateName: str(body.alternate_name),
    description: bilingual(body.description),
    services: list(body.services).filter((s): s is ServiceType => typeof s === 'string'),
    populations: list(body.populations).filter((p): p is Population => typeof p === 'string'),
    languages: list(body.languages)
      .filter((l) => typeof l === 'string')
      .join(', '),
    phones: list(body.phones).map((phone) => ({
      key: newRowKey(),
      text: phoneEntryText(str(obj(phone).number), country),
      type: (str(obj(phone).type) || 'voice') as PhoneKind,
      description: bilingual(obj(phone).description),
    })),
    whatsapp: phoneEntryText(str(body.whatsapp), country),
    email: str(body.email),
    url: str(body.url),
    address: {
      address_1: str(address.address_1),
      address_2: str(address.address_2),
      city: str(address.city),
      state_province: str(address.state_province),
      postal_code: str(address.postal_code),
      country: str(address.country) || country,
    },
    latitude: number(body.latitude),
    longitude: number(body.longitude),
    schedules: list(body.schedules).map((schedule) => ({
      key: newRowKey(),
      byday: list(obj(schedule).byday).filter((d): d is Weekday => typeof d === 'string'),
      opens: str(obj(schedule).opens_at),
      closes: str(obj(schedule).closes_at),
      description: bilingual(obj(schedule).description),
    })),
    visibility: body.visibility === 'restricted' ? 'restricted' : 'public',
    provenance: {
      source: str(provenance.source),
      verifiedAt: str(provenance.verifiedAt),
      verifiedBy: str(provenance.verifiedBy),
    },
  };
}

const blank = (text: string) => text.trim() === '';

/** Text in both languages, keeping any further language the record already had (fr, miq…). */
function text(edited: Bilingual, original: unknown): Body {
  return { ...obj(original), es: edited.es, en: edited.en };
}

/** An optional text in both languages: left out when both are empty. */
function optionalText(edited: Bilingual, original: unknown): Body | undefined {
  return blank(edited.es) && blank(edited.en) ? undefined : text(edited, original);
}

function phoneValue(typed: string, country: string): string {
  const entry = readPhoneEntry(typed, country);
  // An unreadable number is kept as typed, so validation points at it rather than losing it.
  return entry.status === 'valid' ? entry.e164 : typed.trim();
}

function coordinate(typed: string): number | string | undefined {
  if (blank(typed)) return undefined;
  const value = Number(typed.trim().replace(',', '.'));
  return Number.isFinite(value) ? value : typed;
}

/**
 * The record to validate and save. Fields the form does not edit, and languages beyond
 * Spanish and English, are kept from the original record: nothing is dropped by editing.
 */
export function bodyFromForm(form: ProviderForm, original: Body, country: string): Body {
  const body: Body = {
    ...original,
    id: form.id.trim(),
    name: text(form.name, original.name),
    description: text(form.description, original.description),
    services: form.services,
    populations: form.populations,
    languages: form.languages
      .split(/[\s,;]+/)
      .map((code) => code.trim().toLowerCase())
      .filter(Boolean),
    phones: form.phones.map((phone, index) => {
      const before = obj(list(original.phones)[index]);
      const description = optionalText(phone.description, before.description);
      return { number: phoneValue(phone.text, country), type: phone.type, ...(description && { description }) };
    }),
    schedules: form.schedules.map((schedule, index) => {
      const description = optionalText(schedule.description, obj(list(original.schedules)[index]).description);
      return {
        byday: WEEKDAYS.filter((day) => schedule.byday.includes(day)),
        opens_at: schedule.opens,
        closes_at: schedule.closes,
        ...(description && { description }),
      };
    }),
    visibility: form.visibility,
    provenance: {
      source: form.provenance.source,
      verifiedAt: blank(form.provenance.verifiedAt) ? null : form.provenance.verifiedAt,
      verifiedBy: blank(form.provenance.verifiedBy) ? null : form.provenance.verifiedBy,
    },
  };
  const optional: Record<string, unknown> = {
    alternate_name: blank(form.alternateName) ? undefined : form.alternateName,
    whatsapp: blank(form.whatsapp) ? undefined : phoneValue(form.whatsapp, country),
    email: blank(form.email) ? undefined : form.email.trim(),
    url: blank(form.url) ? undefined : form.url.trim(),
    latitude: coordinate(form.latitude),
    longitude: coordinate(form.longitude),
    address: addressOf(form.address),
  };
  for (const [field, value] of Object.entries(optional)) {
    if (value === undefined) delete body[field];
    else body[field] = value;
  }
  return body;
}

function addressOf(address: ProviderForm['address']): Body | undefined {
  const { country, ...lines } = address;
  if (Object.values(lines).every(blank)) return undefined;
  const filled = Object.fromEntries(
    Object.entries(lines).filter(([field, value]) => !blank(value) || REQUIRED_ADDRESS.has(field)),
  );
  return { ...filled, country: country.trim().toUpperCase() };
}

const REQUIRED_ADDRESS = new Set(['address_1', 'city', 'state_province']);

/** Phone fields the coordinator typed that are not numbers of the jurisdiction's country (or any), by path. */
export function phoneProblems(
  form: ProviderForm,
  country: string,
): { path: string; problem: PhoneProblem | 'empty' }[] {
  const problems: { path: string; problem: PhoneProblem | 'empty' }[] = [];
  for (const [index, phone] of form.phones.entries()) {
    const entry = readPhoneEntry(phone.text, country);
    if (entry.status === 'invalid') problems.push({ path: `phones.${index}.number`, problem: entry.problem });
    if (entry.status === 'empty') problems.push({ path: `phones.${index}.number`, problem: 'empty' });
  }
  const whatsapp = readPhoneEntry(form.whatsapp, country);
  if (whatsapp.status === 'invalid') problems.push({ path: 'whatsapp', problem: whatsapp.problem });
  return problems;
}

/** A text of the record written in one language but not the other. */
export interface MissingTranslation {
  /** The form field: `name`, `description`, `phones.0.description`, `schedules.1.description`. */
  path: string;
  language: 'es' | 'en';
}

/** Every text of the record that lacks its Spanish or English version (both are required to publish). */
export function missingTranslations(form: ProviderForm): MissingTranslation[] {
  const missing: MissingTranslation[] = [];
  const check = (path: string, value: Bilingual, required: boolean) => {
    if (!required && blank(value.es) && blank(value.en)) return;
    for (const language of ['es', 'en'] as const) if (blank(value[language])) missing.push({ path, language });
  };
  check('name', form.name, true);
  check('description', form.description, true);
  for (const [index, phone] of form.phones.entries()) check(`phones.${index}.description`, phone.description, false);
  for (const [index, schedule] of form.schedules.entries())
    check(`schedules.${index}.description`, schedule.description, false);
  return missing;
}

/** A provider id from its name: "Casa Refugio Santa Ana" → "casa-refugio-santa-ana". */
export function idFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
