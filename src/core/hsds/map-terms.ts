import { POPULATIONS, SERVICE_TYPES } from '../handbook/taxonomy';
import { type HsdsObject, isObject, list, text } from './reading';
import type { UnitReport } from './unit-report';
import { type PopulationCode, populationsIn, type ServiceTypeCode, serviceTypesIn, VOCABULARIES } from './vocabularies';

/** An ISO 639 code as Rutas keeps it: the primary language subtag, two letters where one exists ("eng" → "en"). */
function languageCode(value: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(value.replace(/_/g, '-'));
    const primary = canonical?.split('-')[0]?.toLowerCase();
    return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
  } catch {
    return undefined;
  }
}

/** The languages spoken, each once, from HSDS language objects. */
export function mapLanguages(entries: HsdsObject[], report: UnitReport): string[] {
  const languages: string[] = [];
  for (const entry of entries) {
    if (!report.firstTime('language', entry)) continue;
    const given = text(entry.code);
    const code = given ? languageCode(given) : undefined;
    if (!code) {
      const label = given ?? text(entry.name) ?? '';
      report.skip('invalid_language', entry, `"${label}" is not an ISO 639 language code`, given ? 'code' : 'name');
      continue;
    }
    if (languages.includes(code)) continue;
    languages.push(code);
    report.from('languages', entry, 'code');
  }
  return languages;
}

export interface Classification {
  services: ServiceTypeCode[];
  populations: PopulationCode[];
}

/**
 * Service types and populations: terms of the Rutas vocabularies by their code, terms of other
 * taxonomies by the words they use; where no term names any, the names of the organization and
 * its services and the eligibility by theirs. The report says where each one came from.
 */
export function classify(
  organization: HsdsObject | undefined,
  services: HsdsObject[],
  report: UnitReport,
): Classification {
  const types = new Set<ServiceTypeCode>();
  const populations = new Set<PopulationCode>();
  const addType = (type: ServiceTypeCode, record: HsdsObject, field: string) => {
    if (types.has(type)) return;
    types.add(type);
    report.from('services', record, field);
  };
  const addPopulation = (population: PopulationCode, record: HsdsObject, field: string) => {
    if (populations.has(population)) return;
    populations.add(population);
    report.from('populations', record, field);
  };
  const records = [organization, ...services].filter(isObject);

  for (const attribute of records.flatMap((record) => list(record, 'attributes'))) {
    if (!report.firstTime('attribute', attribute)) continue;
    const term = isObject(attribute.taxonomy_term) ? attribute.taxonomy_term : undefined;
    if (!term) {
      const termId = text(attribute.taxonomy_term_id);
      if (termId) {
        report.skip(
          'unmapped_term',
          attribute,
          `the taxonomy term ${termId} is referred to but not included; its meaning is unknown`,
        );
      }
      continue;
    }
    const code = text(term.code) ?? '';
    const vocabulary = text(term.taxonomy_id) ?? text(term.taxonomy);
    const ours = (which: keyof typeof VOCABULARIES) =>
      vocabulary === VOCABULARIES[which].id || text(term.taxonomy) === VOCABULARIES[which].identifier;
    if (ours('serviceTypes') && (SERVICE_TYPES as readonly string[]).includes(code)) {
      addType(code as ServiceTypeCode, term, 'code');
      continue;
    }
    if (ours('populations') && (POPULATIONS as readonly string[]).includes(code)) {
      addPopulation(code as PopulationCode, term, 'code');
      continue;
    }
    const name = text(term.name) ?? code;
    const suggestedTypes = serviceTypesIn(name);
    const suggestedPopulations = populationsIn(name);
    for (const type of suggestedTypes) addType(type, term, 'name');
    for (const population of suggestedPopulations) addPopulation(population, term, 'name');
    if (suggestedTypes.length === 0 && suggestedPopulations.length === 0) {
      const taxonomy =
        text(term.taxonomy) ?? (isObject(term.taxonomy_detail) ? text(term.taxonomy_detail.name) : undefined);
      report.skip(
        'unmapped_term',
        term,
        `the taxonomy term "${name}"${taxonomy ? ` (${taxonomy})` : ''} names no Rutas service type or population`,
      );
    }
  }
  // Names and eligibility are read only where no taxonomy term says: terms are what the data means.
  if (types.size === 0) {
    for (const record of records) {
      for (const type of serviceTypesIn(text(record.name) ?? '')) addType(type, record, 'name');
    }
  }
  if (populations.size === 0) {
    for (const service of services) {
      for (const population of populationsIn(text(service.eligibility_description) ?? '')) {
        addPopulation(population, service, 'eligibility_description');
      }
      if (typeof service.maximum_age === 'number' && service.maximum_age < 18) {
        addPopulation('children', service, 'maximum_age');
      }
    }
  }
  return {
    services: SERVICE_TYPES.filter((type) => types.has(type)),
    populations: POPULATIONS.filter((population) => populations.has(population)),
  };
}
