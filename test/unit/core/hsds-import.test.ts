import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Provider } from '../../../src/core/handbook/schema';
import { handbookToHsds } from '../../../src/core/hsds/export';
import { importHsds } from '../../../src/core/hsds/import';
import { hsdsRecordOfSource } from '../../../src/core/hsds/map-provider';
import type {
  HsdsFile,
  HsdsImportJurisdiction,
  HsdsImportResult,
  HsdsProblem,
  HsdsSkip,
  ImportedProvider,
} from '../../../src/core/hsds/report';
import { sampleHandbook } from '../support/handbook-fixture';
import { EXAMPLES, exampleCsvPackage, exampleFile, setAt } from '../support/hsds';

/** A British test jurisdiction: the examples' numbers (+44) are its own. */
const BRITISH: HsdsImportJurisdiction = { id: 'gb-prueba', country: 'GB', defaultLanguage: 'en' };
const HONDURAN: HsdsImportJurisdiction = { id: 'hn-prueba', country: 'HN', defaultLanguage: 'es' };

const IMPORTABLE_EXAMPLES = [
  'organization_full.json',
  'organization_list.json',
  'service_full.json',
  'service_list.json',
  'service_at_location_full.json',
  'service_at_location_list.json',
];

function imported(result: HsdsImportResult) {
  if (!result.ok) throw new Error(`refused: ${result.problems.map((p) => p.message).join('; ')}`);
  return result;
}

function refused(result: HsdsImportResult): HsdsProblem[] {
  if (result.ok) throw new Error('the import was accepted');
  return result.problems;
}

const json = (name: string, value: unknown): HsdsFile => ({ name, content: JSON.stringify(value, null, 2) });
const organizationFull = () => JSON.parse(exampleFile('organization_full.json').content);
const skipsOf = (result: ReturnType<typeof imported>): HsdsSkip[] => [
  ...result.report.skipped,
  ...result.report.providers.flatMap((p) => p.skipped),
];

describe('importing the HSDS 3.0 examples', () => {
  it('imports every organization, service and service_at_location example, and refuses the others with a reason', () => {
    const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'));
    expect(examples).toEqual(expect.arrayContaining(IMPORTABLE_EXAMPLES));
    for (const name of examples) {
      const result = importHsds({ files: [exampleFile(name)], jurisdiction: BRITISH });
      if (IMPORTABLE_EXAMPLES.includes(name)) {
        const { providers, report } = imported(result);
        expect(providers, name).toHaveLength(1);
        expect(providers[0]?.name, name).toEqual({ en: 'Example Organization Inc.' });
        expect(report.providers[0]?.hsds, name).toEqual({
          kind: 'organization',
          id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
          file: name,
        });
        expect(report.providers[0]?.mapped.length, name).toBeGreaterThan(3);
      } else {
        const [problem, ...more] = refused(result);
        expect(more, name).toEqual([]);
        expect(problem?.code, name).toBe('not_hsds');
        expect(problem?.file, name).toBe(name);
        expect(problem?.message, name).toMatch(/cannot become a provider|tabular package written as JSON/);
      }
    }
  });

  it('takes the phone, opening hours, address, language and service type of the full organization', () => {
    const { providers, report } = imported(
      importHsds({ files: [exampleFile('organization_full.json')], jurisdiction: BRITISH }),
    );
    const provider = providers[0] as ImportedProvider;
    expect(provider).toMatchObject({
      id: 'example-organization-inc',
      alternate_name: 'Example Org',
      email: 'email@example.com',
      url: 'http://example.com',
      // The example writes the number with the quotes of a spreadsheet cell: "\"+44 1234 234567\"".
      phones: [{ number: '+441234234567', type: 'voice' }],
      schedules: [{ byday: ['TH', 'FR'], opens_at: '10:00', closes_at: '18:00' }],
      address: {
        address_1: '1-30 Main Street',
        address_2: 'MyVillage',
        city: 'MyCity',
        state_province: 'MyState',
        postal_code: 'ABC 1234',
        country: 'US',
      },
      languages: ['ur'],
      services: ['mental_health'],
      visibility: 'public',
      provenance: {
        source: 'HSDS import: organization_full.json (organization d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610)',
        verifiedAt: null,
        verifiedBy: null,
      },
    });
    expect(hsdsRecordOfSource(provider.provenance.source)).toEqual({
      kind: 'organization',
      id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
    });
    expect(provider.latitude).toBeUndefined();

    const entry = report.providers[0];
    expect(entry?.mapped).toEqual(
      expect.arrayContaining([
        { field: 'phones', from: '$.phones[0].number' },
        { field: 'services', from: '$.services[0].name' },
        { field: 'address', from: '$.services[0].service_at_locations[0].location.addresses[0]' },
      ]),
    );
    const reasons = entry?.skipped.map((skip) => `${skip.code} ${skip.where}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'invalid_coordinates $.services[0].service_at_locations[0].location.latitude',
        'phone_extension $.phones[0].extension',
        'schedule_limits_ignored $.services[0].schedules[0]',
        'unmapped_term $.services[0].attributes[0].taxonomy_term',
        'no_population $',
        'not_kept $',
      ]),
    );
    expect(entry?.skipped.find((s) => s.code === 'not_kept' && s.where === '$')?.message).toContain('tax_status');
    // The same phone and schedule are nested in several places: each is reported once.
    expect(entry?.skipped.filter((s) => s.code === 'phone_extension')).toHaveLength(1);
    expect(entry?.skipped.filter((s) => s.code === 'schedule_limits_ignored')).toHaveLength(1);
  });

  it('puts imported text under the default language only, leaving the translation to the console', () => {
    const { providers } = imported(importHsds({ files: [exampleFile('service_full.json')], jurisdiction: HONDURAN }));
    const provider = providers[0] as ImportedProvider;
    expect(provider.name).toEqual({ es: 'Example Organization Inc.' });
    expect(Object.keys(provider.description)).toEqual(['es']);
    expect(provider.phones[0]?.description).toEqual({ es: expect.stringContaining('main reception') });
    // An international number written with its prefix is kept in a Honduran jurisdiction too.
    expect(provider.phones[0]?.number).toBe('+441234234567');
    // Without the English text, the record is not yet a publishable provider: the console lists it.
    expect(Provider.safeParse(provider).success).toBe(false);
  });

  it('gathers a service list by organization: services of one organization make one provider', () => {
    const listed = JSON.parse(exampleFile('service_list.json').content);
    const second = { ...listed.contents[0], id: 'b1d6ac2e-7a34-4b7e-a9a2-3e4b7a3d6c11', name: 'Legal Advice Clinic' };
    const elsewhere = {
      ...listed.contents[0],
      id: 'f3b4a6a5-52f1-4c3d-8f1e-9f0a6b8d2c77',
      name: 'Night Shelter',
      organization: { id: '0b2b8c54-59a5-4c39-9d06-7f3b1de4e3f9', name: 'Shelter Trust', description: 'Beds.' },
    };
    const { providers } = imported(
      importHsds({
        files: [json('services.json', { contents: [...listed.contents, second, elsewhere] })],
        jurisdiction: BRITISH,
      }),
    );
    expect(providers.map((p) => [p.id, p.services])).toEqual([
      ['example-organization-inc', ['mental_health', 'legal_aid']],
      ['shelter-trust', ['shelter']],
    ]);
  });

  it('imports the tabular CSV package, reporting what each row became and the tables it does not keep', () => {
    const { providers, report } = imported(importHsds({ files: exampleCsvPackage(), jurisdiction: BRITISH }));
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      name: { en: 'Example Organization Inc.' },
      phones: [{ number: '+441234234567', type: 'voice' }],
      schedules: [{ byday: ['TH', 'FR'], opens_at: '10:00', closes_at: '18:00' }],
      address: { address_1: '1-30 Main Street', city: 'MyCity', state_province: 'MyState', country: 'US' },
      languages: ['ur'],
      services: ['mental_health'],
      provenance: { source: 'HSDS import: organizations.csv (organization d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610)' },
    });
    expect(report.providers[0]?.mapped).toEqual(
      expect.arrayContaining([
        { field: 'name', from: 'organizations.csv line 2, name' },
        { field: 'phones', from: 'phones.csv line 2, number' },
        { field: 'schedules', from: 'schedules.csv line 2' },
        { field: 'address', from: 'addresses.csv line 2' },
      ]),
    );
    const general = report.skipped.map((skip) => `${skip.code} ${skip.where}`);
    expect(general).toEqual(
      expect.arrayContaining([
        // The example's datapackage.json is a link that was never resolved.
        'not_read datapackage.json',
        'not_kept contacts.csv',
        'not_kept funding.csv',
        // Its attribute links to an id no table has.
        'unlinked_row attributes.csv line 2',
      ]),
    );
  });
});

describe('what the import maps, and what it reports', () => {
  const honduran = (organization: Record<string, unknown>) =>
    importHsds({ files: [json('org.json', organization)], jurisdiction: HONDURAN });
  const minimal = { id: 'a0c1f2e3-0000-4000-8000-000000000001', name: 'Clínica de la Mujer', description: 'Atención.' };

  it('formats valid numbers of the country as E.164 and skips the others with the reason', () => {
    const result = imported(
      honduran({
        ...minimal,
        phones: [
          { id: '1', number: '2653-3120', type: 'voice' },
          { id: '2', number: '9990-1234', type: 'cell' },
          { id: '3', number: '2653-312' },
          { id: '4', number: '+50496331208', description: 'WhatsApp' },
          { id: '5', number: '(+504) 2653 3120' },
        ],
      }),
    );
    const provider = result.providers[0] as ImportedProvider;
    expect(provider.phones).toEqual([
      { number: '+50426533120', type: 'voice' },
      { number: '+50499901234', type: 'cell' },
    ]);
    expect(provider.whatsapp).toBe('+50496331208');
    expect(skipsOf(result).filter((s) => s.code === 'invalid_phone')).toEqual([
      {
        code: 'invalid_phone',
        file: 'org.json',
        where: '$.phones[2].number',
        message: '"2653-312" is not a valid phone number in HN (numbers of other countries need their + prefix)',
      },
    ]);
  });

  it('reports what it cannot recognise instead of guessing: service types, populations, languages', () => {
    const result = imported(honduran({ id: minimal.id, name: 'Fundación Esperanza', description: 'Ayuda.' }));
    const provider = result.providers[0] as ImportedProvider;
    expect(provider.services).toEqual([]);
    expect(provider.populations).toEqual([]);
    expect(provider.languages).toEqual([]);
    expect(skipsOf(result).map((s) => s.code)).toEqual(
      expect.arrayContaining(['no_service_type', 'no_population', 'no_language']),
    );
  });

  it('reads service types and populations from taxonomy terms, and says which term', () => {
    const term = (name: string) => ({ id: `t-${name}`, name, description: name, taxonomy: 'Open Eligibility' });
    const result = imported(
      honduran({
        ...minimal,
        services: [
          {
            id: 's1',
            name: 'Atención',
            status: 'active',
            attributes: [
              { id: 'a1', taxonomy_term: term('Emergency Shelter') },
              { id: 'a2', taxonomy_term: term('Women') },
              { id: 'a3', taxonomy_term: term('Dental Care') },
            ],
            languages: [
              { id: 'l1', code: 'spa' },
              { id: 'l2', name: 'Garífuna' },
            ],
          },
        ],
      }),
    );
    const provider = result.providers[0] as ImportedProvider;
    expect(provider.services).toEqual(['shelter']);
    expect(provider.populations).toEqual(['women']);
    expect(provider.languages).toEqual(['es']);
    const skips = skipsOf(result).map((s) => `${s.code} ${s.where}`);
    expect(skips).toContain('unmapped_term $.services[0].attributes[2].taxonomy_term');
    expect(skips).toContain('invalid_language $.services[0].languages[1].name');
  });

  it('leaves out services that are inactive or defunct', () => {
    const result = imported(
      honduran({
        ...minimal,
        name: 'Fundación Esperanza',
        services: [
          { id: 's1', name: 'Refugio', status: 'defunct' },
          { id: 's2', name: 'Asesoría legal', status: 'active' },
        ],
      }),
    );
    expect(result.providers[0]?.services).toEqual(['legal_aid']);
    expect(skipsOf(result).find((s) => s.code === 'inactive_service')?.where).toBe('$.services[0]');
  });

  it('keeps weekly hours only, and says why a schedule was not taken', () => {
    const result = imported(
      honduran({
        ...minimal,
        services: [
          {
            id: 's1',
            name: 'Consulta',
            status: 'active',
            schedules: [
              { id: 'h1', freq: 'WEEKLY', byday: 'MO,WE', opens_at: '8:00', closes_at: '16:30' },
              { id: 'h2', freq: 'MONTHLY', byday: '1MO', opens_at: '09:00', closes_at: '12:00' },
              { id: 'h3', byday: 'SA', opens_at: '09:00Z', closes_at: '12:00Z' },
              { id: 'h4', byday: 'SU' },
            ],
          },
        ],
      }),
    );
    expect(result.providers[0]?.schedules).toEqual([{ byday: ['MO', 'WE'], opens_at: '08:00', closes_at: '16:30' }]);
    expect(
      skipsOf(result)
        .filter((s) => s.code === 'schedule_not_weekly')
        .map((s) => s.where),
    ).toEqual(['$.services[0].schedules[1]', '$.services[0].schedules[2]', '$.services[0].schedules[3]']);
  });

  it('gives providers distinct ids made from their names', () => {
    const organizations = [1, 2, 3].map((n) => ({ ...minimal, id: `00000000-0000-4000-8000-00000000000${n}` }));
    const { providers } = imported(importHsds({ files: [json('orgs.json', organizations)], jurisdiction: HONDURAN }));
    expect(providers.map((p) => p.id)).toEqual([
      'clinica-de-la-mujer',
      'clinica-de-la-mujer-2',
      'clinica-de-la-mujer-3',
    ]);
  });
});

describe('bad input', () => {
  it('reports unknown fields and imports the rest', () => {
    const document = organizationFull();
    document.favourite_colour = 'green';
    document.phones[0].whatsapp_ok = true;
    const result = imported(importHsds({ files: [json('with-extras.json', document)], jurisdiction: BRITISH }));
    const unknown = result.report.skipped.filter((s) => s.code === 'unknown_field');
    expect(unknown).toHaveLength(2);
    expect(unknown).toEqual(
      expect.arrayContaining([
        {
          code: 'unknown_field',
          file: 'with-extras.json',
          where: '$.favourite_colour',
          message: '"favourite_colour" is not a field of an HSDS organization; it was ignored',
        },
        {
          code: 'unknown_field',
          file: 'with-extras.json',
          where: '$.phones[0].whatsapp_ok',
          message: '"whatsapp_ok" is not a field of an HSDS phone; it was ignored',
        },
      ]),
    );
    expect(result.providers[0]?.phones[0]?.number).toBe('+441234234567');

    const files = exampleCsvPackage().map((file) => {
      if (file.name !== 'organizations.csv') return file;
      const [header, row] = file.content.trimEnd().split('\r\n');
      return { ...file, content: `${header},notes\n${row},x\n` };
    });
    const csv = imported(importHsds({ files, jurisdiction: BRITISH }));
    expect(csv.report.skipped).toContainEqual(
      expect.objectContaining({ code: 'unknown_field', where: 'organizations.csv line 1' }),
    );
  });

  it('refuses wrong types, naming where they are', () => {
    const cases: [(string | number)[], unknown, string][] = [
      [['name'], 42, '$.name should be text, but is the number 42'],
      [['phones'], '+44 1234 234567', '$.phones should be a list, but is text'],
      [['locations', 0, 'latitude'], '14.4', '$.locations[0].latitude should be a number, but is text'],
      [['services', 0, 'phones', 0], 'call us', '$.services[0].phones[0] should be an HSDS phone object, but is text'],
    ];
    for (const [path, value, message] of cases) {
      const document = organizationFull();
      setAt(document, path, value);
      const problems = refused(importHsds({ files: [json('broken.json', document)], jurisdiction: BRITISH }));
      expect(problems, path.join('.')).toEqual([
        expect.objectContaining({ code: 'wrong_type', file: 'broken.json', message }),
      ]);
    }
    expect(refused(importHsds({ files: [json('text.json', 'hello')], jurisdiction: BRITISH }))[0]?.code).toBe(
      'not_hsds',
    );
    expect(
      refused(importHsds({ files: [json('nothing.json', { version: '3.0' })], jurisdiction: BRITISH }))[0]?.code,
    ).toBe('not_hsds');
  });

  it('refuses a file that is not JSON', () => {
    const problems = refused(
      importHsds({ files: [{ name: 'cut.json', content: '{\n  "id": "x",\n  "name": \n}' }], jurisdiction: BRITISH }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'not_json',
        file: 'cut.json',
        message: expect.stringMatching(/^not valid JSON: /),
      }),
    ]);
  });

  it('refuses duplicate ids', () => {
    const organization = { id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610', name: 'A', description: 'a' };
    const twice = refused(
      importHsds({
        files: [json('twice.json', [organization, { ...organization, name: 'B' }])],
        jurisdiction: BRITISH,
      }),
    );
    expect(twice).toEqual([
      expect.objectContaining({
        code: 'duplicate_id',
        path: '$[1].id',
        message:
          '$[1] has the same organization id as $[0] (d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610); HSDS ids must be unique',
      }),
    ]);

    const services = organizationFull();
    services.services.push({ ...services.services[0], name: 'Another service' });
    expect(refused(importHsds({ files: [json('services.json', services)], jurisdiction: BRITISH }))[0]?.code).toBe(
      'duplicate_id',
    );

    const files = exampleCsvPackage().map((file) =>
      file.name === 'phones.csv'
        ? { ...file, content: `${file.content.trimEnd()}\n${file.content.split('\n')[1]}\n` }
        : file,
    );
    expect(refused(importHsds({ files, jurisdiction: BRITISH }))).toEqual([
      {
        code: 'duplicate_id',
        file: 'phones.csv',
        line: 3,
        message: 'the id 1554f2e2-a373-45db-a3fa-9fc48a61c15e is already used on line 2',
      },
    ]);
  });

  it('refuses broken CSV, naming the file and the line', () => {
    const withTable = (name: string, content: string) =>
      exampleCsvPackage().map((file) => (file.name === name ? { ...file, content } : file));
    const organizations = exampleFile('csv/organizations.csv').content.trimEnd();
    const [header, row] = organizations.split('\r\n') as [string, string];

    const unterminated = refused(
      importHsds({
        files: withTable('organizations.csv', `${organizations}\n"d9d5e0f5,Second\n`),
        jurisdiction: BRITISH,
      }),
    );
    expect(unterminated).toEqual([expect.objectContaining({ code: 'broken_csv', file: 'organizations.csv', line: 3 })]);

    const quoted = `${header}\n${row}\n"multi\nline",x\nshort,row\n`;
    const tooShort = refused(importHsds({ files: withTable('organizations.csv', quoted), jurisdiction: BRITISH }));
    expect(tooShort).toContainEqual({
      code: 'broken_csv',
      file: 'organizations.csv',
      line: 5,
      message: 'the row has 2 field(s), but the header names 13',
    });

    const notANumber = refused(
      importHsds({
        files: withTable('locations.csv', exampleFile('csv/locations.csv').content.replace(',100,101,', ',north,101,')),
        jurisdiction: BRITISH,
      }),
    );
    expect(notANumber).toEqual([
      expect.objectContaining({
        code: 'wrong_type',
        file: 'locations.csv',
        line: 2,
        message: '"latitude" should be a number, but is "north"',
      }),
    ]);
  });

  it('refuses empty input', () => {
    expect(refused(importHsds({ files: [], jurisdiction: BRITISH }))[0]?.code).toBe('empty');
    expect(refused(importHsds({ files: [{ name: 'a.json', content: '  ' }], jurisdiction: BRITISH }))[0]).toMatchObject(
      {
        code: 'empty',
        file: 'a.json',
      },
    );
    expect(refused(importHsds({ files: [json('none.json', { contents: [] })], jurisdiction: BRITISH }))[0]?.code).toBe(
      'empty',
    );
    const headersOnly = exampleCsvPackage().map((file) => ({ ...file, content: file.content.split('\n')[0] ?? '' }));
    expect(refused(importHsds({ files: headersOnly, jurisdiction: BRITISH }))[0]?.code).toBe('empty');
  });

  it('refuses records without the id or name a provider needs, and mixed lists', () => {
    const problems = refused(
      importHsds({ files: [json('x.json', [{ id: 'x', description: 'no name' }])], jurisdiction: BRITISH }),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'missing_field', path: '$[0].name' })]);
    const listed = JSON.parse(exampleFile('service_list.json').content);
    const mixed = [listed.contents[0], { id: 'y', name: 'An organization', description: 'd' }];
    expect(refused(importHsds({ files: [json('mixed.json', mixed)], jurisdiction: BRITISH }))[0]?.message).toMatch(
      /mixes/,
    );
  });
});

describe('importing into a draft that has providers already', () => {
  it('keeps the ids of providers it imported before, even when their name changed', () => {
    const first = imported(importHsds({ files: [exampleFile('organization_full.json')], jurisdiction: BRITISH }));
    const earlier = first.providers[0] as ImportedProvider;
    const renamed = organizationFull();
    renamed.name = 'Example Organisation Ltd';
    const again = imported(
      importHsds({
        files: [json('renamed.json', renamed)],
        jurisdiction: BRITISH,
        existing: [{ id: earlier.id, source: earlier.provenance.source }],
      }),
    );
    expect(again.providers.map((p) => [p.id, p.name])).toEqual([
      ['example-organization-inc', { en: 'Example Organisation Ltd' }],
    ]);
  });

  it("recognises the jurisdiction's own export, so importing it updates the providers it came from", () => {
    const providers = sampleHandbook().providers;
    const exported = handbookToHsds(sampleHandbook());
    const result = imported(
      importHsds({
        files: [json('export.json', exported.hsds)],
        jurisdiction: HONDURAN,
        existing: providers.map((p) => ({ id: p.id, source: p.provenance.source })),
      }),
    );
    expect(result.providers.map((p) => p.id)).toEqual(
      providers.filter((p) => p.visibility === 'public').map((p) => p.id),
    );
  });

  it('never gives a new provider the id of an existing one', () => {
    const result = imported(
      importHsds({
        files: [exampleFile('organization_list.json')],
        jurisdiction: BRITISH,
        existing: [{ id: 'example-organization-inc', source: 'Rutas test fixture' }],
      }),
    );
    expect(result.providers[0]?.id).toBe('example-organization-inc-2');
  });
});
