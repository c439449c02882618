import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { type Phone, type Provider, Provider as ProviderSchema } from '../../../src/core/handbook/schema';
import { handbookToHsds } from '../../../src/core/hsds/export';
import { importHsds } from '../../../src/core/hsds/import';
import { sampleHandbook } from '../support/handbook-fixture';

const handbook = sampleHandbook();
const { jurisdiction } = handbook;

/** Honduran numbers (fixed lines 2…, mobiles 3/8/9…) and a few foreign ones, as libphonenumber accepts them. */
const phoneNumber = fc
  .oneof(
    fc.tuple(fc.constantFrom('+5042', '+5043', '+5048', '+5049'), fc.stringMatching(/^\d{7}$/)),
    fc.tuple(fc.constantFrom('+5022', '+5255', '+5016'), fc.stringMatching(/^\d{6,8}$/)),
  )
  .map(([prefix, digits]) => `${prefix}${digits}`)
  .filter((number) => isValidPhoneNumber(number));

const phone: fc.Arbitrary<Phone> = fc.record({
  number: phoneNumber,
  type: fc.constantFrom('voice', 'hotline', 'fax', 'cell'),
});

/** Any text a coordinator might type as a name: accents, quotes, markup, emoji, other scripts. */
const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((text) => text.trim().length > 0);

const provider = (index: number, visibility: Provider['visibility']): fc.Arbitrary<Provider> =>
  fc
    .record({
      es: name,
      en: name,
      phones: fc.array(phone, { maxLength: 4 }),
      whatsapp: fc.option(phoneNumber, { nil: undefined }),
    })
    .map(({ es, en, phones, whatsapp }) =>
      ProviderSchema.parse({
        id: `proveedor-${index}`,
        name: { es, en },
        description: { es: 'Descripción', en: 'Description' },
        services: ['legal_aid'],
        populations: ['women'],
        languages: ['es'],
        phones,
        ...(whatsapp ? { whatsapp } : {}),
        visibility,
        provenance: { source: 'property test', verifiedAt: null, verifiedBy: null },
      }),
    );

const providers = fc
  .array(fc.constantFrom<Provider['visibility']>('public', 'restricted'), { minLength: 1, maxLength: 6 })
  .chain((visibilities) => fc.tuple(...visibilities.map((visibility, i) => provider(i, visibility))));

const unique = (numbers: string[]) => [...new Set(numbers)];

describe('HSDS export then import', () => {
  it("gives back every public provider's name and phone numbers, and no restricted one", () => {
    fc.assert(
      fc.property(providers, (generated) => {
        const exported = handbookToHsds({ jurisdiction, providers: generated });
        const result = importHsds({
          files: [{ name: 'export.json', content: JSON.stringify(exported.hsds) }],
          jurisdiction,
        });
        const expected = generated.filter((p) => p.visibility === 'public');
        if (expected.length === 0) {
          expect(result.ok).toBe(false);
          return;
        }
        if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
        expect(result.providers.map((p) => p.name)).toEqual(expected.map((p) => ({ es: p.name.es })));
        expect(result.providers.map((p) => p.phones.map((x) => x.number))).toEqual(
          expected.map((p) => unique(p.phones.map((x) => x.number))),
        );
        expect(result.providers.map((p) => p.whatsapp)).toEqual(expected.map((p) => p.whatsapp));
        expect(result.providers.map((p) => p.services)).toEqual(expected.map((p) => p.services));
        expect(result.providers.map((p) => p.populations)).toEqual(expected.map((p) => p.populations));
      }),
      { numRuns: 200 },
    );
  });
});
