import { POPULATIONS, SERVICE_TYPES } from '../handbook/taxonomy';
import { vocabularyId } from './ids';

export type ServiceTypeCode = (typeof SERVICE_TYPES)[number];
export type PopulationCode = (typeof POPULATIONS)[number];

/**
 * The two Rutas vocabularies as HSDS taxonomies. Exports link every service to terms of them
 * through attributes; imports recognise them by id (or by the `taxonomy` identifier) and read
 * the term code back.
 */
export const VOCABULARIES = {
  serviceTypes: { id: vocabularyId('service-types'), identifier: 'rutas-service-types', linkType: 'service_type' },
  populations: { id: vocabularyId('populations'), identifier: 'rutas-populations', linkType: 'audience' },
} as const;

/** WhatsApp has no place of its own in HSDS: it travels as a mobile number with this description. */
export const WHATSAPP_DESCRIPTION = 'WhatsApp';

export function termId(vocabulary: keyof typeof VOCABULARIES, code: string): string {
  return vocabularyId(VOCABULARIES[vocabulary].identifier, code);
}

/** Text made comparable: lower case, no accents, single spaces. */
function normalizeForMatching(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/*
 * Words that name a service type or population in other directories' taxonomies and service
 * names, in Spanish and English (matched without accents). A match is a suggestion the import
 * report shows with where it came from; the coordinator confirms it before publishing.
 */
const SERVICE_TYPE_WORDS: Record<ServiceTypeCode, RegExp> = {
  emergency:
    /\bpolic|\b911\b|emergency (services?|response|hotline|line|number)|(servicios?|linea|sistema[a-z ]*) de emergencias?/,
  health: /\bhealth|\bsalud\b|hospital|\bmedic/,
  sexual_violence_care: /sexual (assault|violence)|violencia sexual|violacion|\brape\b|post-?exposure|profilaxis/,
  mental_health: /\bmental|\bpsych|\bpsic|counsel|consejeri|therap|terapi/,
  shelter: /shelter|\brefugio\b|albergue|safe ?house|casa segura|housing|alojamiento|vivienda/,
  legal_aid: /\blegal\b|juridic|abogad|lawyer|attorney/,
  prosecutor: /prosecut|\bfiscal[ií]a|ministerio publico/,
  child_protection:
    /child protection|child welfare|proteccion (de la |a la )?ninez|proteccion infantil|\bdinaf\b|procuraduria de proteccion|\bdif\b/,
  consular: /consul/,
  migration_asylum: /migra|asylum|\basilo\b|refugee|refugiad|\bcomar\b|\bacnur\b|\bunhcr\b/,
  case_management: /case manag|gestion de casos|manejo de casos/,
  livelihoods: /livelihood|medios de vida|employment|\bempleo\b|vocational/,
  interpretation: /interpret|translat|traduc/,
};

/** "Mental health" is a health service of its own kind, not general health care. */
const NOT_GENERAL_HEALTH = /mental health|salud mental/g;

const POPULATION_WORDS: Record<PopulationCode, RegExp> = {
  women: /\bwom[ae]n|\bgirls?\b|\bmujer|\bnina?s?\b|\bfemale/,
  children: /\bchild|\bminors?\b|\byouth|adolescen|\bninez|\bninos?\b|\bninas?\b|\bmenores\b|infancia|juvenil/,
  men: /\bmen\b|\bmale\b|\bhombres?\b/,
  lgbtiq: /lgbt|\btrans\b|queer|diversidad sexual|sexual diversity/,
  migrants: /migra|refugee|refugiad|asylum|\basilo\b/,
  indigenous: /indigen|pueblos originarios/,
  disability: /disab|discapac/,
};

/** The service types some text suggests. */
export function serviceTypesIn(text: string): ServiceTypeCode[] {
  const normalized = normalizeForMatching(text);
  return SERVICE_TYPES.filter((type) => {
    const subject = type === 'health' ? normalized.replace(NOT_GENERAL_HEALTH, '') : normalized;
    return SERVICE_TYPE_WORDS[type].test(subject);
  });
}

/** The populations some text (a taxonomy term, an eligibility) names. */
export function populationsIn(text: string): PopulationCode[] {
  const normalized = normalizeForMatching(text);
  return POPULATIONS.filter((population) => POPULATION_WORDS[population].test(normalized));
}
