import fc from 'fast-check';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../locales/en/translation.json';
import es from '../../../locales/es/translation.json';
import type { Provider } from '../../../src/core/handbook/schema';
import { foldForSearch } from '../../../src/core/search/normalize';
import {
  type DirectoryContext,
  ProviderDirectory,
  type ServiceVocabulary,
} from '../../../src/core/search/provider-directory';
import { provider } from '../support/handbook-fixture';

const WEEKDAYS: Provider['schedules'][number]['byday'] = ['MO', 'TU', 'WE', 'TH', 'FR'];
const EVERY_DAY: Provider['schedules'][number]['byday'] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const caminos = provider({
  id: 'caminos',
  name: { es: 'Caminos — Atención psicológica', en: 'Caminos — Psychological care' },
  services: ['mental_health'],
  populations: ['women', 'migrants'],
  languages: ['es', 'en'],
  latitude: 14.4361,
  longitude: -89.1831,
  schedules: [{ byday: WEEKDAYS, opens_at: '08:00', closes_at: '16:00' }],
});
const albergue = provider({
  id: 'albergue-san-jose',
  name: { es: 'Albergue San José', en: 'San José Shelter' },
  services: ['shelter', 'child_protection'],
  populations: ['children', 'migrants'],
  languages: ['es'],
  latitude: 14.5,
  longitude: -89.3,
  schedules: [{ byday: EVERY_DAY, opens_at: '00:00', closes_at: '24:00' }],
});
const hospital = provider({
  id: 'hospital-area',
  name: { es: 'Hospital de Área', en: 'Area Hospital' },
  services: ['health', 'sexual_violence_care'],
  populations: ['women', 'men', 'children'],
  languages: ['es', 'miq'],
  schedules: [{ byday: ['FR', 'SA'], opens_at: '22:00', closes_at: '06:00' }],
});
const consulado = provider({
  id: 'consulado-guatemala',
  name: { es: 'Consulado de Guatemala', en: 'Consulate of Guatemala' },
  services: ['consular'],
  populations: ['migrants'],
  languages: ['es', 'mam'],
  latitude: 14.45,
  longitude: -89.2,
  address: {
    address_1: 'Barrio Las Flores',
    city: 'Agua Caliente',
    state_province: 'Ocotepeque',
    country: 'HN',
  },
});

const PROVIDERS = [caminos, albergue, hospital, consulado];
const TIME_ZONE = 'America/Tegucigalpa';
/** Monday 23 November 2026, 09:00 in Honduras. */
const MONDAY_MORNING = new Date('2026-11-23T15:00:00Z');
const context = (overrides: Partial<DirectoryContext> = {}): DirectoryContext => ({
  timeZone: TIME_ZONE,
  now: MONDAY_MORNING,
  language: 'es',
  ...overrides,
});

/** The app's vocabulary: each service type's label in every interface language, from the real locales. */
let vocabulary: ServiceVocabulary;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { es: { translation: es }, en: { translation: en } }, lng: 'es' });
  vocabulary = (type) => ['es', 'en'].map((language) => i18n.getFixedT(language)(`serviceType.${type}`));
});

const directory = () => new ProviderDirectory(PROVIDERS, vocabulary);
const ids = (text: string, extra: Parameters<ProviderDirectory['search']>[0] = {}) =>
  directory()
    .search({ ...extra, text }, context())
    .map((hit) => hit.provider.id);

describe('folding text for search', () => {
  it('drops accents and case, and reads ñ as n, the way a worker types on a phone', () => {
    expect(foldForSearch('Atención Psicológica')).toBe('atencion psicologica');
    expect(foldForSearch('NIÑEZ')).toBe('ninez');
    expect(foldForSearch('  ¿Dónde está?  ')).toBe('donde esta');
  });

  it('turns punctuation into spaces so that joined words can be found one by one', () => {
    expect(foldForSearch('Caminos — Atención/Apoyo, 24h')).toBe('caminos atencion apoyo 24h');
  });

  it('is idempotent and never leaves combining marks or capitals, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const folded = foldForSearch(text);
        expect(foldForSearch(folded)).toBe(folded);
        expect(folded).not.toMatch(/\p{M}/u);
        expect(folded).toBe(folded.toLowerCase());
        expect(folded).toBe(folded.trim());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('finding a provider by typing', () => {
  it('a worker offline still finds psychological care by typing without accents', () => {
    expect(ids('atencion psicologica')).toEqual(['caminos']);
  });

  it('capitals and accents in the query do not matter either', () => {
    expect(ids('ATENCIÓN')).toEqual(ids('atencion'));
    expect(ids('ATENCIÓN')).toContain('caminos');
    expect(ids('Atención Psicológica')).toEqual(['caminos']);
    expect(ids('ATENCION PSICOLOGICA')).toEqual(['caminos']);
  });

  it('one wrong letter in a word of four letters or more still finds it: a substitution, a deletion, an insertion', () => {
    expect(ids('psocologica')).toEqual(['caminos']); // substitution
    expect(ids('psicologca')).toEqual(['caminos']); // deletion
    expect(ids('psicollogica')).toEqual(['caminos']); // insertion
    expect(ids('albrgue')).toEqual(['albergue-san-jose']); // deletion
    expect(ids('albergye')).toEqual(['albergue-san-jose']); // substitution
  });

  it('two wrong letters are too many: a garbled word does not flood the results', () => {
    expect(ids('psxcxlogica')).toEqual([]);
    expect(ids('hxspxtal')).toEqual([]);
  });

  it('words shorter than four letters must be typed right (no fuzzy match for "sab" → "san")', () => {
    expect(ids('san')).toEqual(['albergue-san-jose']);
    expect(ids('sab')).toEqual([]);
  });

  it('matches the beginning of a word while the worker is still typing', () => {
    expect(ids('psico')).toEqual(['caminos']);
    expect(ids('alb')).toEqual(['albergue-san-jose']);
    expect(ids('guate')).toEqual(['consulado-guatemala']);
  });

  it('every word typed must match: several words narrow the search', () => {
    expect(ids('caminos psico')).toEqual(['caminos']);
    expect(ids('san jose')).toEqual(['albergue-san-jose']);
    expect(ids('albergue psicologica')).toEqual([]);
    expect(ids('hospital guatemala')).toEqual([]);
  });

  it('finds a provider by the service it offers, in Spanish or English, even when its name does not say it', () => {
    expect(ids('casa segura')).toEqual(['albergue-san-jose']);
    expect(ids('safe house')).toEqual(['albergue-san-jose']);
    expect(ids('violencia sexual')).toEqual(['hospital-area']);
    expect(ids('consular')).toEqual(['consulado-guatemala']);
  });

  it('finds a provider by its town', () => {
    expect(ids('agua caliente')).toEqual(['consulado-guatemala']);
  });

  it('finds a provider named in English by its English name', () => {
    expect(ids('area hospital')).toEqual(['hospital-area']);
  });

  it('every provider is found when its own name is typed exactly (folded), whatever the name', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyzáéíóúüñABCDEÉÍÑÓÚ0123456789'.split('');
    const word = fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 10 });
    const name = fc
      .tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', ' — ', ', ', '-', ' (', '. '))
      .map(([words, separator]) => words.join(separator));
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 6, selector: foldForSearch }), (names) => {
        const providers = names.map((n, i) => provider({ id: `p${i}`, name: { es: n, en: `${n} en` } }));
        const found = new ProviderDirectory(providers);
        providers.forEach((p, i) => {
          const hits = found.search({ text: foldForSearch(names[i] ?? '') }, context()).map((h) => h.provider.id);
          expect(hits).toContain(p.id);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a name with words joined by a symbol ("Salud+Mujer") is found by typing one of its words', () => {
    const found = new ProviderDirectory([
      provider({ id: 'salud-mujer', name: { es: 'Salud+Mujer', en: 'Salud+Mujer' } }),
    ]);
    expect(found.search({ text: 'mujer' }, context()).map((h) => h.provider.id)).toEqual(['salud-mujer']);
  });
});

describe('filtering the directory', () => {
  it('with no text, lists every provider alphabetically in the interface language', () => {
    const all = (language: string) =>
      directory()
        .search({}, context({ language }))
        .map((h) => h.provider.id);
    expect(all('es')).toEqual(['albergue-san-jose', 'caminos', 'consulado-guatemala', 'hospital-area']);
    expect(all('en')).toEqual(['hospital-area', 'caminos', 'consulado-guatemala', 'albergue-san-jose']);
  });

  it('by service type: only providers offering one of the chosen services', () => {
    expect(ids('', { services: ['shelter'] })).toEqual(['albergue-san-jose']);
    expect(ids('', { services: ['consular', 'health'] }).sort()).toEqual(['consulado-guatemala', 'hospital-area']);
    expect(ids('', { services: ['prosecutor'] })).toEqual([]);
  });

  it('by population served', () => {
    expect(ids('', { populations: ['children'] }).sort()).toEqual(['albergue-san-jose', 'hospital-area']);
    expect(ids('', { populations: ['men'] })).toEqual(['hospital-area']);
  });

  it('by language spoken, including indigenous languages', () => {
    expect(ids('', { languages: ['en'] })).toEqual(['caminos']);
    expect(ids('', { languages: ['miq'] })).toEqual(['hospital-area']);
    expect(ids('', { languages: ['mam', 'miq'] }).sort()).toEqual(['consulado-guatemala', 'hospital-area']);
  });

  it('filters combine with the text typed', () => {
    expect(ids('san', { populations: ['children'] })).toEqual(['albergue-san-jose']);
    expect(ids('san', { populations: ['men'] })).toEqual([]);
  });

  it('an empty filter list means "any"', () => {
    expect(ids('', { services: [], populations: [], languages: [] })).toHaveLength(4);
  });

  it('"open now" reads the hours on the jurisdiction\'s clock, not UTC', () => {
    const openAt = (now: Date) =>
      directory()
        .search({ openNow: true }, context({ now }))
        .map((h) => h.provider.id);
    // 21:00 UTC is 15:00 in Honduras: Caminos (08:00–16:00) is still open.
    expect(openAt(new Date('2026-11-23T21:00:00Z'))).toEqual(['albergue-san-jose', 'caminos']);
    // 13:30 UTC is 07:30 in Honduras: Caminos has not opened yet.
    expect(openAt(new Date('2026-11-23T13:30:00Z'))).toEqual(['albergue-san-jose']);
    // Saturday 05:00 UTC is still Friday 23:00 in Honduras: the hospital's night shift is on.
    expect(openAt(new Date('2026-11-28T05:00:00Z'))).toEqual(['albergue-san-jose', 'hospital-area']);
  });

  it('every hit says whether the provider is open now, even without the filter', () => {
    const hits = directory().search({}, context());
    const open = Object.fromEntries(hits.map((h) => [h.provider.id, h.openNow]));
    expect(open).toEqual({
      caminos: true,
      'albergue-san-jose': true,
      'hospital-area': false,
      'consulado-guatemala': false,
    });
  });
});

describe('sorting by distance', () => {
  const here = { latitude: 14.4346, longitude: -89.1825 };

  it('near me: nearest first, providers without coordinates last, with distances in km', () => {
    const hits = directory().search({ near: here }, context());
    expect(hits.map((h) => h.provider.id)).toEqual([
      'caminos',
      'consulado-guatemala',
      'albergue-san-jose',
      'hospital-area',
    ]);
    expect(hits[0]?.distanceKm).toBeCloseTo(0.174, 2);
    expect(hits[1]?.distanceKm).toBeGreaterThan(2);
    expect(hits[1]?.distanceKm).toBeLessThan(3);
    expect(hits[2]?.distanceKm).toBeGreaterThan(14);
    expect(hits[2]?.distanceKm).toBeLessThan(15);
    expect(hits[3]?.distanceKm).toBeUndefined();
  });

  it("without the worker's position, no distances are given", () => {
    expect(
      directory()
        .search({}, context())
        .every((h) => h.distanceKm === undefined),
    ).toBe(true);
  });

  it('distance sorting keeps the other filters', () => {
    const hits = directory().search({ near: here, populations: ['migrants'] }, context());
    expect(hits.map((h) => h.provider.id)).toEqual(['caminos', 'consulado-guatemala', 'albergue-san-jose']);
  });

  it('while typing, distances are shown alongside the matches', () => {
    const [hit] = directory().search({ text: 'albergue', near: here }, context());
    expect(hit?.provider.id).toBe('albergue-san-jose');
    expect(hit?.distanceKm).toBeGreaterThan(14);
  });
});
