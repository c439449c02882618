import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Handbook } from '../../../src/core/handbook/schema';
import { handbookToHsds } from '../../../src/core/hsds/export';
import { COMPILED_ONLY_FIELDS, HSDS_FIELDS, HSDS_TABLES } from '../../../src/core/hsds/fields';
import { hsdsId } from '../../../src/core/hsds/ids';
import { loadHandbookFolder } from '../../../src/server/handbooks/folder';
import { sampleHandbook } from '../support/handbook-fixture';
import { hsdsValidators, readSchema, schemaFiles, setAt } from '../support/hsds';

const SAMPLES = ['hn-ocotepeque', 'mx-tapachula', 'bz-benque-viejo'];

async function loadSample(id: string): Promise<Handbook> {
  const result = await loadHandbookFolder(fileURLToPath(new URL(`../../../routes-data/${id}`, import.meta.url)));
  if (!result.ok) throw new Error(`routes-data/${id} does not validate`);
  return result.handbook;
}

const validators = hsdsValidators();
const errorsOf = (valid: boolean) => (valid ? [] : (validators.organizationPage.errors ?? []));

describe('HSDS export of the sample jurisdictions', () => {
  const handbooks = new Map<string, Handbook>();
  beforeAll(async () => {
    for (const id of SAMPLES) handbooks.set(id, await loadSample(id));
  });

  for (const id of SAMPLES) {
    it(`exports ${id} as HSDS 3.0 that the official schemas accept`, () => {
      const handbook = handbooks.get(id) as Handbook;
      const exported = handbookToHsds(handbook);
      expect(errorsOf(validators.organizationPage(exported.hsds))).toEqual([]);
      for (const organization of exported.hsds.contents) {
        for (const service of organization.services) expect(validators.service(service)).toBe(true);
      }

      const publicProviders = handbook.providers.filter((p) => p.visibility === 'public');
      expect(exported.organizations).toBe(publicProviders.length);
      expect(exported.services).toBe(publicProviders.length);
      expect(exported.restrictedLeftOut).toBe(handbook.providers.length - publicProviders.length);
      expect(exported.hsds.total_items).toBe(publicProviders.length);
      // Text is in the jurisdiction's default language.
      const language = handbook.jurisdiction.defaultLanguage;
      expect(exported.hsds.contents.map((o) => o.name)).toEqual(publicProviders.map((p) => p.name[language]));
    });
  }

  it('keeps every provider reachable: phones, hours, address, coordinates, types and populations', () => {
    const handbook = handbooks.get('hn-ocotepeque') as Handbook;
    const police = handbook.providers.find((p) => p.id === 'policia-udep-14');
    const organization = handbookToHsds(handbook).hsds.contents.find((o) => o.alternate_name === 'UDEP-14 Ocotepeque');
    const service = organization?.services[0];
    expect(police && organization && service).toBeTruthy();
    expect(service?.phones.map((p) => p.number)).toEqual(police?.phones.map((p) => p.number));
    expect(organization?.phones).toEqual(service?.phones);
    expect(service?.schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00' });
    expect(organization?.locations[0]).toMatchObject({
      latitude: police?.latitude,
      longitude: police?.longitude,
      addresses: [{ address_1: police?.address?.address_1, city: 'Nueva Ocotepeque', country: 'HN' }],
    });
    expect(service?.service_at_locations[0]?.location_id).toBe(organization?.locations[0]?.id);
    expect(service?.languages).toEqual([expect.objectContaining({ code: 'es', name: 'español' })]);
    const terms = service?.attributes.map((a) => `${a.taxonomy_term.taxonomy}:${a.taxonomy_term.code}`);
    expect(terms).toEqual([
      'rutas-service-types:emergency',
      ...(police?.populations ?? []).map((population) => `rutas-populations:${population}`),
    ]);
    expect(service?.attributes[0]?.taxonomy_term.name).toBe('Emergencias y policía');
  });

  it('gives every record the same UUID on every export, and other UUIDs in another jurisdiction', () => {
    const handbook = handbooks.get('mx-tapachula') as Handbook;
    const first = JSON.stringify(handbookToHsds(handbook));
    expect(JSON.stringify(handbookToHsds(structuredClone(handbook)))).toBe(first);

    const elsewhere = handbookToHsds({ ...handbook, jurisdiction: { ...handbook.jurisdiction, id: 'mx-otra' } });
    expect(elsewhere.hsds.contents[0]?.id).not.toBe(handbookToHsds(handbook).hsds.contents[0]?.id);
  });

  it('uses each id for one object only (a phone shared by organization and service is the same phone)', () => {
    for (const handbook of handbooks.values()) {
      const byId = new Map<string, string>();
      const visit = (value: unknown) => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') {
          const object = value as Record<string, unknown>;
          if (typeof object.id === 'string') {
            const json = JSON.stringify(object);
            expect(byId.get(object.id) ?? json).toBe(json);
            byId.set(object.id, json);
          }
          Object.values(object).forEach(visit);
        }
      };
      visit(handbookToHsds(handbook).hsds.contents);
      expect(byId.size).toBeGreaterThan(100);
    }
  });
});

describe('restricted providers', () => {
  it('never appear in an export: not their names, numbers, places or ids', async () => {
    for (const id of SAMPLES) {
      const handbook = await loadSample(id);
      const restricted = handbook.providers.filter((p) => p.visibility === 'restricted');
      expect(restricted.length).toBeGreaterThan(0);
      const exported = handbookToHsds(handbook);
      const written = JSON.stringify(exported.hsds);
      expect(exported.restrictedLeftOut).toBe(restricted.length);
      for (const provider of restricted) {
        expect(written).not.toContain(provider.name.es);
        expect(written).not.toContain(provider.name.en);
        expect(written).not.toContain(provider.description[handbook.jurisdiction.defaultLanguage]);
        for (const phone of provider.phones) expect(written).not.toContain(phone.number);
        if (provider.address) expect(written).not.toContain(provider.address.address_1);
        expect(written).not.toContain(hsdsId(id, 'organization', provider.id));
      }
      const restrictedOnly = handbookToHsds({ ...handbook, providers: restricted });
      expect(restrictedOnly.hsds).toMatchObject({ total_items: 0, empty: true, contents: [] });
      expect(validators.organizationPage(restrictedOnly.hsds)).toBe(true);
    }
  });

  it('are left out of the test fixture too, and counted', () => {
    const exported = handbookToHsds(sampleHandbook());
    expect(exported.restrictedLeftOut).toBe(1);
    expect(JSON.stringify(exported.hsds)).not.toContain('Escondida');
    expect(JSON.stringify(exported.hsds)).not.toContain('+50433572814');
  });
});

describe('the schema validation used above', () => {
  it('rejects exports that break the official schemas (it is not vacuous)', async () => {
    const good = handbookToHsds(await loadSample('hn-ocotepeque')).hsds;
    expect(validators.organizationPage(good)).toBe(true);
    const breakages: [string, (string | number)[], unknown][] = [
      ['an id that is not a UUID', ['contents', 0, 'id'], 'policia-udep-14'],
      ['an organization without a name', ['contents', 1, 'name'], undefined],
      ['a service status HSDS does not know', ['contents', 0, 'services', 0, 'status'], 'open'],
      ['a phone number that is not text', ['contents', 0, 'services', 0, 'phones', 0, 'number'], 50426533120],
      ['an address without postal_code', ['contents', 0, 'locations', 0, 'addresses', 0, 'postal_code'], undefined],
      ['a latitude written as text', ['contents', 0, 'locations', 0, 'latitude'], '14.43'],
      ['an e-mail that is not one', ['contents', 2, 'email'], 'not an e-mail'],
      [
        'a taxonomy term without description',
        ['contents', 0, 'services', 0, 'attributes', 0, 'taxonomy_term', 'description'],
        undefined,
      ],
      ['a page count that is not a number', ['total_items'], 'all'],
    ];
    for (const [what, path, value] of breakages) {
      const page = structuredClone(good);
      setAt(page, path, value);
      expect(validators.organizationPage(page), what).toBe(false);
    }
  });

  it('reads the official schema files, which the import field table follows', () => {
    const files = schemaFiles();
    expect(files).toHaveLength(21);
    for (const file of files) {
      const schema = readSchema(file) as {
        name: string;
        path: string;
        properties: Record<string, { type?: string; $ref?: string; items?: { $ref: string } }>;
      };
      const entity = schema.name as keyof typeof HSDS_FIELDS;
      expect(HSDS_TABLES[schema.path]).toBe(entity);
      const official = Object.fromEntries(
        Object.entries(schema.properties).map(([field, property]) => [
          field,
          property.type === 'array'
            ? `array:${property.items?.$ref.replace('.json', '')}`
            : property.$ref
              ? `object:${property.$ref.replace('.json', '')}`
              : property.type,
        ]),
      );
      const ours = { ...HSDS_FIELDS[entity] } as Record<string, string>;
      for (const field of COMPILED_ONLY_FIELDS[entity] ?? []) delete ours[field];
      expect(ours, file).toEqual(official);
    }
  });
});
