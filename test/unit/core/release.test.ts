import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhoneForCountry } from '../../../src/core/handbook/phone';
import type { Handbook } from '../../../src/core/handbook/schema';
import {
  canonicalJson,
  createRelease,
  phoneDisplayFor,
  publicHandbook,
  RELEASE_FORMAT,
  releaseContentHash,
} from '../../../src/core/release/release';
import { sampleHandbook } from '../support/handbook-fixture';

const PUBLISHED = new Date('2026-11-20T10:00:00Z');

describe('a release', () => {
  it('is numbered, dated and carries the hash of its content', async () => {
    const release = await createRelease(sampleHandbook(), 7, PUBLISHED);
    expect(release).toMatchObject({
      format: RELEASE_FORMAT,
      jurisdictionId: 'hn-prueba',
      number: 7,
      publishedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(release.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await releaseContentHash(release)).toBe(release.contentHash);
  });

  it('never carries a restricted provider (a confidential safe house), not even its phone number', async () => {
    const release = await createRelease(sampleHandbook(), 1, PUBLISHED);
    const json = JSON.stringify(release);
    expect(release.handbook.providers.map((p) => p.id)).not.toContain('casa-refugio-secreta');
    for (const secret of [
      'casa-refugio-secreta',
      'Casa Refugio Escondida',
      'Hidden Safe House',
      '+50433572814',
      '3357',
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it('steps no longer name a restricted provider as responsible, but keep the public ones', async () => {
    const release = await createRelease(sampleHandbook(), 1, PUBLISHED);
    const step = release.handbook.routes[0]?.stages[0]?.steps[0];
    expect(step?.responsible).toEqual(['albergue-san-jose']);
  });

  it('publishing does not change the handbook it was made from', async () => {
    const handbook = sampleHandbook();
    const before = structuredClone(handbook);
    publicHandbook(handbook);
    await createRelease(handbook, 1, PUBLISHED);
    expect(handbook).toEqual(before);
  });

  it('survives the trip as JSON: a device recomputes the same hash from what it received', async () => {
    const release = await createRelease(sampleHandbook(), 1, PUBLISHED);
    const received = JSON.parse(JSON.stringify(release));
    expect(await releaseContentHash(received)).toBe(release.contentHash);
  });

  it('the hash is a plain SHA-256 of the canonical JSON of handbook and phone display', async () => {
    const release = await createRelease(sampleHandbook(), 1, PUBLISHED);
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256')
      .update(canonicalJson({ handbook: release.handbook, phoneDisplay: release.phoneDisplay }))
      .digest('hex');
    expect(release.contentHash).toBe(expected);
  });
});

describe('the content hash', () => {
  /** Every phone number of a handbook, with a way to change each. */
  function phoneSlots(handbook: Handbook): ((h: Handbook, n: string) => void)[] {
    const slots: ((h: Handbook, n: string) => void)[] = [];
    handbook.jurisdiction.emergencyNumbers.forEach((_, i) => {
      slots.push((h, n) => {
        const emergency = h.jurisdiction.emergencyNumbers[i];
        if (emergency) emergency.number = n;
      });
    });
    handbook.providers.forEach((p, i) => {
      p.phones.forEach((_, j) => {
        slots.push((h, n) => {
          const phone = h.providers[i]?.phones[j];
          if (phone) phone.number = n;
        });
      });
      if (p.whatsapp) {
        slots.push((h, n) => {
          const provider = h.providers[i];
          if (provider) provider.whatsapp = n;
        });
      }
    });
    return slots;
  }

  it('changes when any phone number changes, even by one digit', async () => {
    const original = publicHandbook(sampleHandbook());
    const hashOf = (handbook: Handbook) => releaseContentHash({ handbook, phoneDisplay: phoneDisplayFor(handbook) });
    const originalHash = await hashOf(original);
    const slots = phoneSlots(original);
    expect(slots.length).toBeGreaterThanOrEqual(7);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: slots.length - 1 }),
        fc.stringMatching(/^\+504[0-9]{8}$|^[0-9]{3}$/),
        async (slot, number) => {
          const changed = structuredClone(original);
          const before = JSON.stringify(changed);
          slots[slot]?.(changed, number);
          fc.pre(JSON.stringify(changed) !== before);
          expect(await hashOf(changed)).not.toBe(originalHash);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('changes when only the way a number is displayed changes', async () => {
    const release = await createRelease(sampleHandbook(), 1, PUBLISHED);
    const tampered = { ...release.phoneDisplay, '+50426533310': '2653-3311' };
    expect(await releaseContentHash({ handbook: release.handbook, phoneDisplay: tampered })).not.toBe(
      release.contentHash,
    );
  });

  it('does not depend on the order of keys in the content', async () => {
    const release = await createRelease(sampleHandbook(), 1, PUBLISHED);
    const reordered = JSON.parse(JSON.stringify(release), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    );
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(release));
    expect(await releaseContentHash(reordered)).toBe(release.contentHash);
  });
});

describe('canonical JSON', () => {
  /** The same value with every object's keys in another order. */
  const shuffled = (value: unknown, seed: number): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).map(([k, v], i) => [k, shuffled(v, seed * 31 + i)] as const);
      const rotated = entries.map((_, i) => entries[(i + seed) % entries.length] as (typeof entries)[number]);
      return Object.fromEntries(seed % 2 ? rotated.reverse() : rotated);
    }
    return value;
  };

  it('is the same for any JSON value whatever the order of its keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(canonicalJson(shuffled(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the value: parsing it gives back the same content', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 1000 },
    );
  });

  it('sorts keys at every depth, arrays keep their order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('how phone numbers are displayed', () => {
  it("a number of the jurisdiction's own country is written the national way", () => {
    expect(formatPhoneForCountry('+50422345678', 'HN')).toBe('2234-5678');
    expect(formatPhoneForCountry('+50496331208', 'HN')).toBe('9633-1208');
    expect(formatPhoneForCountry('+528005533000', 'MX')).toBe('800 553 3000');
  });

  it('a foreign number is written internationally, so a worker dials the country code', () => {
    expect(formatPhoneForCountry('+50222345678', 'HN')).toBe('+502 2234 5678');
    expect(formatPhoneForCountry('+50422345678', 'GT')).toBe('+504 2234 5678');
  });

  it('short emergency codes stay as they are', () => {
    expect(formatPhoneForCountry('911', 'HN')).toBe('911');
    expect(formatPhoneForCountry('145', 'HN')).toBe('145');
  });

  it('a release lists every number of the handbook — emergency, phones, WhatsApp — already formatted', async () => {
    const release = await createRelease(sampleHandbook(), 1, PUBLISHED);
    expect(release.phoneDisplay).toEqual({
      '911': '911',
      '145': '145',
      '+50426533544': '2653-3544',
      '+50426533310': '2653-3310',
      '+50496331208': '9633-1208',
      '+50426533060': '2653-3060',
      '+50222345678': '+502 2234 5678',
    });
  });
});
