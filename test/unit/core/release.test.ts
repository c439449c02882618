import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhoneForCountry } from '../../../src/core/handbook/phone';
import type { Handbook } from '../../../src/core/handbook/schema';
import { describeChanges, recordsByKey } from '../../../src/core/release/changes';
import { canonicalJson, toBase64Url } from '../../../src/core/release/hashing';
import { handbookRecords, publicHandbook } from '../../../src/core/release/publication';
import { type HandbookRecord, handbookFromRecords, recordHashes, stateHash } from '../../../src/core/release/records';
import {
  keyIdOf,
  nobleEd25519,
  RELEASE_FORMAT,
  type ReleaseHeader,
  signReleaseHeader,
  verifyReleaseHeader,
  webCryptoEd25519,
} from '../../../src/core/release/signature';
import type { ReleaseChanges, ReleaseSnapshot } from '../../../src/core/sync/protocol';
import { ReleaseRejectedError, verifyChanges, verifySnapshot } from '../../../src/core/sync/verify';
import { sampleHandbook } from '../support/handbook-fixture';

const PUBLISHED = '2026-11-20T10:00:00.000Z';

async function signingKey() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  return { privateKey: pair.privateKey, publicKey, keyId: await keyIdOf(publicKey) };
}

type Key = Awaited<ReturnType<typeof signingKey>>;

async function snapshotOf(handbook: Handbook, number: number, key: Key, variant: 'public' | 'enrolled' = 'public') {
  const records = handbookRecords(handbook, variant);
  const hashes = await recordHashes(records);
  const header: ReleaseHeader = {
    format: RELEASE_FORMAT,
    jurisdictionId: handbook.jurisdiction.id,
    number,
    variant,
    publishedAt: PUBLISHED,
    stateHash: await stateHash(hashes),
    recordCount: records.length,
    keyId: key.keyId,
  };
  const snapshot: ReleaseSnapshot = { release: await signReleaseHeader(header, key.privateKey), records };
  return { snapshot, hashes };
}

function withPhone(handbook: Handbook, providerId: string, number: string): Handbook {
  const changed = structuredClone(handbook);
  const provider = changed.providers.find((p) => p.id === providerId);
  const phone = provider?.phones[0];
  if (!phone) throw new Error(`${providerId} has no phone`);
  phone.number = number;
  return changed;
}

/** The changes a server sends from one snapshot to the next. */
function changesBetween(before: ReleaseSnapshot, after: ReleaseSnapshot, beforeState: string): ReleaseChanges {
  const old = recordsByKey(before.records);
  const now = recordsByKey(after.records);
  return {
    release: after.release,
    from: { number: before.release.header.number, stateHash: beforeState },
    changed: after.records.filter((r) => canonicalJson(r.body) !== canonicalJson(old.get(r.key)?.body)),
    removed: [...old.keys()].filter((k) => !now.has(k)),
  };
}

describe('the records of a release', () => {
  it('are keyed by kind and id, one per provider, route and checklist, plus the jurisdiction', () => {
    const keys = handbookRecords(sampleHandbook(), 'enrolled').map((r) => r.key);
    expect(keys).toContain('jurisdiction');
    expect(keys).toContain('provider/albergue-san-jose');
    expect(keys).toContain('provider/casa-refugio-secreta');
    expect(keys).toContain('route/ruta-principal');
    expect(keys).toContain('checklist/indicadores');
    expect(keys).toEqual([...keys].sort());
  });

  it('of the public variant never carry a restricted provider (a confidential safe house), not even its phone number', () => {
    const json = JSON.stringify(handbookRecords(sampleHandbook(), 'public'));
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

  it('of the public variant no longer name a restricted provider as responsible for a step, but keep the public ones', () => {
    const { routes } = handbookFromRecords(handbookRecords(sampleHandbook(), 'public'));
    expect(routes[0]?.stages[0]?.steps[0]?.responsible).toEqual(['albergue-san-jose']);
    const enrolled = handbookFromRecords(handbookRecords(sampleHandbook(), 'enrolled'));
    expect(enrolled.routes[0]?.stages[0]?.steps[0]?.responsible).toContain('casa-refugio-secreta');
  });

  it('do not change the handbook they were made from', () => {
    const handbook = sampleHandbook();
    const before = structuredClone(handbook);
    publicHandbook(handbook);
    handbookRecords(handbook, 'public');
    expect(handbook).toEqual(before);
  });

  it('carry every number already formatted as dialled in the country — emergency, phones, WhatsApp', () => {
    const { jurisdiction, providers } = handbookFromRecords(handbookRecords(sampleHandbook(), 'public'));
    const display = Object.assign({}, jurisdiction.phoneDisplay, ...providers.map((p) => p.phoneDisplay));
    expect(display).toEqual({
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

describe('the state hash of a release', () => {
  it('does not depend on the order records arrive in', async () => {
    const records = handbookRecords(sampleHandbook(), 'enrolled');
    const hashes = await recordHashes(records);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(records, { minLength: records.length }), async (shuffled) => {
        expect(await stateHash(await recordHashes(shuffled))).toBe(await stateHash(hashes));
      }),
      { numRuns: 30 },
    );
  });

  it('changes when any phone number changes, even by one digit', async () => {
    const original = sampleHandbook();
    const originalState = await stateHash(await recordHashes(handbookRecords(original, 'public')));
    const publicWithPhones = original.providers.filter((p) => p.visibility === 'public' && p.phones.length > 0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...publicWithPhones.map((p) => p.id)),
        fc.stringMatching(/^\+5042[0-9]{7}$/),
        async (providerId, number) => {
          const changed = withPhone(original, providerId, number);
          fc.pre(JSON.stringify(changed) !== JSON.stringify(original));
          expect(await stateHash(await recordHashes(handbookRecords(changed, 'public')))).not.toBe(originalState);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('survives the trip as JSON, whatever order the keys come back in', async () => {
    const records = handbookRecords(sampleHandbook(), 'public');
    const reordered = JSON.parse(JSON.stringify(records), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as HandbookRecord[];
    expect(await stateHash(await recordHashes(reordered))).toBe(await stateHash(await recordHashes(records)));
  });
});

describe('a release signature', () => {
  it('verifies with the public key of the key that signed it', async () => {
    const key = await signingKey();
    const { snapshot } = await snapshotOf(sampleHandbook(), 1, key);
    expect(await verifyReleaseHeader(snapshot.release, key.publicKey)).toBe(true);
  });

  it('verifies the same with WebCrypto and with @noble/ed25519, the fallback for browsers without Ed25519', async () => {
    const key = await signingKey();
    const other = await signingKey();
    const { snapshot } = await snapshotOf(sampleHandbook(), 1, key);
    const forged = { ...snapshot.release, header: { ...snapshot.release.header, number: 9 } };
    for (const implementation of [webCryptoEd25519, nobleEd25519]) {
      expect(await verifyReleaseHeader(snapshot.release, key.publicKey, implementation)).toBe(true);
      expect(await verifyReleaseHeader(snapshot.release, other.publicKey, implementation)).toBe(false);
      expect(await verifyReleaseHeader(forged, key.publicKey, implementation)).toBe(false);
    }
  });

  it('fails for another key, for any changed header field, and for a garbled signature', async () => {
    const key = await signingKey();
    const other = await signingKey();
    const { snapshot } = await snapshotOf(sampleHandbook(), 1, key);
    expect(await verifyReleaseHeader(snapshot.release, other.publicKey)).toBe(false);
    const { header, signature } = snapshot.release;
    expect(await verifyReleaseHeader({ header: { ...header, number: 2 }, signature }, key.publicKey)).toBe(false);
    expect(
      await verifyReleaseHeader({ header: { ...header, stateHash: '0'.repeat(64) }, signature }, key.publicKey),
    ).toBe(false);
    expect(await verifyReleaseHeader({ header: { ...header, variant: 'enrolled' }, signature }, key.publicKey)).toBe(
      false,
    );
    // A changed character in the middle: the last one carries padding bits and may decode to the same bytes.
    const garbled = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await verifyReleaseHeader({ header, signature: garbled }, key.publicKey)).toBe(false);
    expect(await verifyReleaseHeader({ header, signature: '!!not base64' }, key.publicKey)).toBe(false);
    expect(await verifyReleaseHeader({ header, signature }, 'short')).toBe(false);
  });
});

describe('what changed between two releases', () => {
  it('names a provider whose phone changed, and the field', () => {
    const before = handbookRecords(sampleHandbook(), 'public');
    const after = handbookRecords(withPhone(sampleHandbook(), 'albergue-san-jose', '+50426530000'), 'public');
    expect(describeChanges(recordsByKey(before), recordsByKey(after))).toEqual([
      {
        key: 'provider/albergue-san-jose',
        kind: 'provider',
        change: 'changed',
        name: sampleHandbook().providers.find((p) => p.id === 'albergue-san-jose')?.name,
        fields: ['phones'],
      },
    ]);
  });

  it('lists added and removed records, and nothing when nothing changed', () => {
    const handbook = sampleHandbook();
    const fewer = { ...handbook, providers: handbook.providers.filter((p) => p.id !== 'hospital-area') };
    const all = recordsByKey(handbookRecords(handbook, 'public'));
    const some = recordsByKey(handbookRecords(fewer, 'public'));
    expect(describeChanges(all, all)).toEqual([]);
    expect(describeChanges(all, some).map((c) => [c.key, c.change])).toEqual([['provider/hospital-area', 'removed']]);
    expect(describeChanges(some, all).map((c) => [c.key, c.change])).toEqual([['provider/hospital-area', 'added']]);
  });
});

describe('a device verifying what it receives', () => {
  const expected = (key: Key) => ({
    jurisdictionId: 'hn-prueba',
    variant: 'public' as const,
    publicKey: key.publicKey,
  });

  it('accepts a signed snapshot and the changes from the release it holds', async () => {
    const key = await signingKey();
    const first = await snapshotOf(sampleHandbook(), 1, key);
    const second = await snapshotOf(withPhone(sampleHandbook(), 'albergue-san-jose', '+50426530000'), 2, key);
    const verified = await verifySnapshot(JSON.parse(JSON.stringify(first.snapshot)), expected(key));
    expect(verified.recordHashes).toEqual(first.hashes);
    const changes = changesBetween(first.snapshot, second.snapshot, first.snapshot.release.header.stateHash);
    expect(changes.changed.map((r) => r.key)).toEqual(['provider/albergue-san-jose']);
    const applied = await verifyChanges(
      changes,
      { number: 1, stateHash: first.snapshot.release.header.stateHash, recordHashes: first.hashes },
      expected(key),
    );
    expect(applied.recordHashes).toEqual(second.hashes);
  });

  it('refuses a tampered record, a wrong key, another jurisdiction, a stale base and a truncated payload, each for its reason', async () => {
    const key = await signingKey();
    const first = await snapshotOf(sampleHandbook(), 1, key);
    const second = await snapshotOf(withPhone(sampleHandbook(), 'albergue-san-jose', '+50426530000'), 2, key);
    const held = { number: 1, stateHash: first.snapshot.release.header.stateHash, recordHashes: first.hashes };
    const changes = changesBetween(first.snapshot, second.snapshot, held.stateHash);
    const reasonOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof ReleaseRejectedError ? error.reason : String(error)),
      );

    const tampered = structuredClone(changes);
    const [changedProvider] = tampered.changed;
    if (!changedProvider) throw new Error('the changes carry no record');
    const changedPhones = (changedProvider.body as { phones: { number: string }[] }).phones;
    changedPhones[0] = { ...(changedPhones[0] as { number: string }), number: '+50499999999' };
    expect(await reasonOf(verifyChanges(tampered, held, expected(key)))).toBe('state-hash');
    const misshapen = structuredClone(changes);
    const [misshapenProvider] = misshapen.changed;
    if (!misshapenProvider) throw new Error('the changes carry no record');
    (misshapenProvider.body as { phones: unknown }).phones = 'call us';
    expect(await reasonOf(verifyChanges(misshapen, held, expected(key)))).toBe('malformed');
    const retitled = structuredClone(changes);
    const named = retitled.changed[0]?.body as { name: { es: string } };
    named.name.es = 'Otro nombre';
    expect(await reasonOf(verifyChanges(retitled, held, expected(key)))).toBe('state-hash');
    expect(await reasonOf(verifyChanges(changes, held, expected(await signingKey())))).toBe('signature');
    expect(await reasonOf(verifyChanges(changes, held, { ...expected(key), jurisdictionId: 'mx-otra' }))).toBe(
      'wrong-jurisdiction',
    );
    expect(await reasonOf(verifyChanges(changes, { ...held, stateHash: 'f'.repeat(64) }, expected(key)))).toBe(
      'base-mismatch',
    );
    expect(await reasonOf(verifyChanges(changes, { ...held, number: 2 }, expected(key)))).toBe('not-newer');
    const dropped = { ...changes, changed: [] };
    expect(await reasonOf(verifyChanges(dropped, held, expected(key)))).toBe('state-hash');
    const text = JSON.stringify(second.snapshot);
    expect(
      await reasonOf(
        Promise.resolve().then(() => verifySnapshot(JSON.parse(text.slice(0, text.length / 2)), expected(key))),
      ),
    ).toMatch(/SyntaxError|JSON/);
    const missing = { ...second.snapshot, records: second.snapshot.records.slice(1) };
    expect(await reasonOf(verifySnapshot(missing, expected(key)))).toBe('state-hash');
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
});
