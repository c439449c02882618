import en from '../../../locales/en/translation.json';
import es from '../../../locales/es/translation.json';
import type { ContentLanguage, Handbook, LocalizedText, Phone, Provider, Schedule } from '../handbook/schema';
import { hsdsId } from './ids';
import { type PopulationCode, type ServiceTypeCode, termId, VOCABULARIES, WHATSAPP_DESCRIPTION } from './vocabularies';

/** The objects an export writes, as far as Rutas fills them (all HSDS 3.0 fields). */
export interface HsdsPhone {
  id: string;
  organization_id?: string;
  service_id?: string;
  number: string;
  type: string;
  description?: string;
}

export interface HsdsSchedule {
  id: string;
  service_id: string;
  freq: 'WEEKLY';
  byday: string;
  opens_at: string;
  closes_at: string;
  description?: string;
}

export interface HsdsLanguage {
  id: string;
  service_id: string;
  code: string;
  name?: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: 'service';
  taxonomy_term_id: string;
  taxonomy_term: HsdsTaxonomyTerm;
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  address_2?: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}

export interface HsdsLocation {
  id: string;
  organization_id: string;
  location_type: 'physical';
  name: string;
  latitude?: number;
  longitude?: number;
  addresses: HsdsAddress[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
}

export interface HsdsService {
  id: string;
  organization_id: string;
  name: string;
  alternate_name?: string;
  description: string;
  url?: string;
  email?: string;
  status: 'active';
  assured_date?: string;
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  languages: HsdsLanguage[];
  attributes: HsdsAttribute[];
  service_at_locations: HsdsServiceAtLocation[];
}

export interface HsdsOrganization {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  email?: string;
  website?: string;
  phones: HsdsPhone[];
  locations: HsdsLocation[];
  services: HsdsService[];
}

/** A list of organizations the way the HSDS API answers `GET /organizations`: one page holding them all. */
export interface HsdsOrganizationPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: HsdsOrganization[];
}

export interface HsdsExport {
  hsds: HsdsOrganizationPage;
  organizations: number;
  services: number;
  /** Restricted providers (shelters, safe houses) that were left out: they never leave through an export. */
  restrictedLeftOut: number;
}

const LABELS = { es, en } satisfies Record<ContentLanguage, unknown>;

/** HSDS phone types are RFC 6350's; a Rutas hotline is a voice line. */
const HSDS_PHONE_TYPE: Record<Phone['type'], string> = { voice: 'voice', hotline: 'voice', fax: 'fax', cell: 'cell' };

/**
 * A jurisdiction's public providers as HSDS 3.0: one organization per provider, holding one
 * service (its phones, opening hours, languages, and its service types and populations as
 * attributes linked to the Rutas vocabularies) and, when it has an address or coordinates,
 * one location. Single-language HSDS text is taken in the jurisdiction's default language.
 */
export function handbookToHsds(handbook: Pick<Handbook, 'jurisdiction' | 'providers'>): HsdsExport {
  const { jurisdiction } = handbook;
  const language = jurisdiction.defaultLanguage;
  const exported = handbook.providers.filter((provider) => provider.visibility === 'public');
  const contents = exported.map((provider) => organizationOf(provider, jurisdiction.id, language));
  return {
    hsds: {
      total_items: contents.length,
      total_pages: 1,
      page_number: 1,
      size: contents.length,
      first_page: true,
      last_page: true,
      empty: contents.length === 0,
      contents,
    },
    organizations: contents.length,
    services: contents.reduce((sum, organization) => sum + organization.services.length, 0),
    restrictedLeftOut: handbook.providers.length - exported.length,
  };
}

function organizationOf(provider: Provider, jurisdictionId: string, language: ContentLanguage): HsdsOrganization {
  const id = (kind: string, ...parts: (string | number)[]) => hsdsId(jurisdictionId, kind, provider.id, ...parts);
  const text = (value: LocalizedText) => value[language];
  const organizationId = id('organization');
  const serviceId = id('service');
  const name = text(provider.name);
  const description = text(provider.description);

  const phones: HsdsPhone[] = provider.phones.map((phone, i) => ({
    id: id('phone', i),
    organization_id: organizationId,
    service_id: serviceId,
    number: phone.number,
    type: HSDS_PHONE_TYPE[phone.type],
    ...(phone.description ? { description: text(phone.description) } : {}),
  }));
  if (provider.whatsapp) {
    phones.push({
      id: id('whatsapp'),
      organization_id: organizationId,
      service_id: serviceId,
      number: provider.whatsapp,
      type: 'cell',
      description: WHATSAPP_DESCRIPTION,
    });
  }

  const location = locationOf(provider, organizationId, name, id);
  const service: HsdsService = {
    id: serviceId,
    organization_id: organizationId,
    name,
    ...(provider.alternate_name ? { alternate_name: provider.alternate_name } : {}),
    description,
    ...(provider.url ? { url: provider.url } : {}),
    ...(provider.email ? { email: provider.email } : {}),
    status: 'active',
    // "The date that the information about the service was last checked": Rutas's verifiedAt.
    ...(provider.provenance.verifiedAt ? { assured_date: provider.provenance.verifiedAt } : {}),
    phones,
    schedules: provider.schedules.map((schedule, i) => scheduleOf(schedule, id('schedule', i), serviceId, text)),
    languages: provider.languages.map((code) => languageOf(code, id('language', code), serviceId, language)),
    attributes: [
      ...provider.services.map((type) =>
        attributeOf('serviceTypes', type, id('service-type', type), serviceId, language),
      ),
      ...provider.populations.map((population) =>
        attributeOf('populations', population, id('population', population), serviceId, language),
      ),
    ],
    service_at_locations: location
      ? [{ id: id('service-at-location'), service_id: serviceId, location_id: location.id }]
      : [],
  };

  return {
    id: organizationId,
    name,
    ...(provider.alternate_name ? { alternate_name: provider.alternate_name } : {}),
    description,
    ...(provider.email ? { email: provider.email } : {}),
    ...(provider.url ? { website: provider.url } : {}),
    // The same phone objects as the service's: one number, linked to both (as HSDS's own examples do).
    phones,
    locations: location ? [location] : [],
    services: [service],
  };
}

function locationOf(
  provider: Provider,
  organizationId: string,
  name: string,
  id: (kind: string) => string,
): HsdsLocation | undefined {
  const { address, latitude, longitude } = provider;
  const hasCoordinates = latitude !== undefined && longitude !== undefined;
  if (!address && !hasCoordinates) return undefined;
  const locationId = id('location');
  return {
    id: locationId,
    organization_id: organizationId,
    location_type: 'physical',
    name,
    ...(hasCoordinates ? { latitude, longitude } : {}),
    addresses: address
      ? [
          {
            id: id('address'),
            location_id: locationId,
            address_1: address.address_1,
            ...(address.address_2 ? { address_2: address.address_2 } : {}),
            city: address.city,
            state_province: address.state_province,
            // Required by HSDS; many towns of the region have no postal code in use.
            postal_code: address.postal_code ?? '',
            country: address.country,
            address_type: 'physical',
          },
        ]
      : [],
  };
}

function scheduleOf(
  schedule: Schedule,
  id: string,
  serviceId: string,
  text: (value: LocalizedText) => string,
): HsdsSchedule {
  return {
    id,
    service_id: serviceId,
    freq: 'WEEKLY',
    byday: schedule.byday.join(','),
    opens_at: schedule.opens_at,
    closes_at: schedule.closes_at,
    ...(schedule.description ? { description: text(schedule.description) } : {}),
  };
}

function languageOf(code: string, id: string, serviceId: string, inLanguage: ContentLanguage): HsdsLanguage {
  // Intl knows the names of most languages; for the others (some indigenous languages) the code says enough.
  const name = new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'none' }).of(code);
  return { id, service_id: serviceId, code, ...(name ? { name } : {}) };
}

function attributeOf(
  vocabulary: keyof typeof VOCABULARIES,
  code: ServiceTypeCode | PopulationCode,
  id: string,
  serviceId: string,
  language: ContentLanguage,
): HsdsAttribute {
  const labels = LABELS[language];
  const name =
    vocabulary === 'serviceTypes'
      ? labels.serviceType[code as ServiceTypeCode]
      : labels.population[code as PopulationCode];
  const termIdentifier = termId(vocabulary, code);
  return {
    id,
    link_id: serviceId,
    link_type: VOCABULARIES[vocabulary].linkType,
    link_entity: 'service',
    taxonomy_term_id: termIdentifier,
    taxonomy_term: {
      id: termIdentifier,
      code,
      name,
      // HSDS requires a description; the term's name is the best the vocabulary has.
      description: name,
      taxonomy: VOCABULARIES[vocabulary].identifier,
      taxonomy_id: VOCABULARIES[vocabulary].id,
      language,
    },
  };
}
