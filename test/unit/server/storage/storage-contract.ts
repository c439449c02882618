import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AggregateBatch } from '../../../../src/core/aggregates/protocol';
import type { Handbook } from '../../../../src/core/handbook/schema';
import { describeChanges, recordsByKey } from '../../../../src/core/release/changes';
import { toBase64Url } from '../../../../src/core/release/hashing';
import { handbookRecords } from '../../../../src/core/release/publication';
import { RELEASE_VARIANTS, recordHashes, stateHash } from '../../../../src/core/release/records';
import { keyIdOf, RELEASE_FORMAT, signReleaseHeader } from '../../../../src/core/release/signature';
import type { FieldReport } from '../../../../src/core/sync/protocol';
import { openStorage, type StoreLocation } from '../../../../src/server/storage/open';
import {
  type NewAccount,
  type NewRelease,
  ReleaseExistsError,
  type SigningKey,
  type Storage,
} from '../../../../src/server/storage/types';
import { sampleHandbook, sampleHandbookInput } from '../../support/handbook-fixture';

/** A fresh, empty store location, and a way to look at its tables behind the interface's back. */
export interface StoreUnderTest {
  location: StoreLocation;
  count(table: string): Promise<number>;
  dispose(): Promise<void>;
}

export const TABLES = [
  'signing_keys',
  'releases',
  'release_records',
  'records',
  'enrolment_codes',
  'devices',
  'field_reports',
  'accounts',
  'sessions',
  'audit_log',
  'draft_records',
  'release_notes',
  'field_report_outcomes',
  'aggregate_counts',
  'aggregate_batches',
] as const;

async function newSigningKey(): Promise<SigningKey & { cryptoKey: CryptoKey }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const privateKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
  return {
    id: await keyIdOf(publicKey),
    publicKey,
    privateKey,
    createdAt: '2026-11-24T09:00:00.000Z',
    cryptoKey: pair.privateKey,
  };
}

/** A release of the handbook as publishing builds one, numbered as told. */
async function releaseOf(handbook: Handbook, number: number, key: CryptoKey, keyId: string): Promise<NewRelease> {
  const publishedAt = new Date(Date.UTC(2026, 10, 24, 9, number)).toISOString();
  const jurisdictionId = handbook.jurisdiction.id;
  return {
    jurisdictionId,
    number,
    publishedAt,
    variants: await Promise.all(
      RELEASE_VARIANTS.map(async (variant) => {
        const records = handbookRecords(handbook, variant);
        const hashes = await recordHashes(records);
        const header = {
          format: RELEASE_FORMAT,
          jurisdictionId,
          number,
          variant,
          publishedAt,
          stateHash: await stateHash(hashes),
          recordCount: records.length,
          keyId,
        } as const;
        return {
          variant,
          release: await signReleaseHeader(header, key),
          changelog: describeChanges(new Map(), recordsByKey(records)),
          records: records.map((record) => ({ record, hash: hashes[record.key] as string })),
        };
      }),
    ),
  };
}

function withChangedPhone(number: string): Handbook {
  const input = sampleHandbookInput();
  const caminos = input.providers.find((p) => p.id === 'caminos');
  if (!caminos?.phones?.[0]) throw new Error('fixture changed: caminos has no phone');
  caminos.phones[0].number = number;
  return sampleHandbook(input);
}

function report(overrides: Partial<FieldReport> = {}): FieldReport {
  return {
    id: randomUUID(),
    deviceId: randomUUID(),
    jurisdictionId: 'hn-prueba',
    providerId: 'caminos',
    releaseNumber: 1,
    problem: 'no-answer',
    details: 'Nobody answers on weekdays',
    reportedAt: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}

function batch(overrides: Partial<AggregateBatch> = {}): AggregateBatch {
  return { id: randomUUID(), jurisdictionId: 'hn-prueba', week: '2026-W47', counts: { referral: 2 }, ...overrides };
}

function newAccount(overrides: Partial<NewAccount> = {}): NewAccount {
  return {
    id: randomUUID(),
    email: 'ana@example.org',
    displayName: 'Ana',
    passwordHash: 'scrypt$32768$8$1$c2FsdA==$a2V5',
    role: 'coordinator',
    jurisdictionIds: ['hn-prueba', 'gt-ayutla'],
    createdAt: '2026-11-24T09:00:00.000Z',
    ...overrides,
  };
}

/** SHA-256-looking stand-ins: the store keeps whatever hash the enrolment module gives it. */
const fakeHash = () => randomUUID().replace(/-/g, '').padEnd(64, '0');

/**
 * The behaviour every Storage must have, defined once and run against each dialect, so the
 * SQLite default and a PostgreSQL deployment cannot drift apart.
 */
export function storageContract(
  dialectName: string,
  create: () => Promise<StoreUnderTest>,
  options: { parallelConnections: boolean },
): void {
  describe(`storage on ${dialectName}`, () => {
    let store: StoreUnderTest;
    let storage: Storage;
    const opened: Storage[] = [];
    const open = async () => {
      const s = await openStorage(store.location);
      opened.push(s);
      return s;
    };
    const counts = async () =>
      Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await store.count(t)])));

    beforeEach(async () => {
      store = await create();
      storage = await open();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await store?.dispose();
    });

    describe('migrations', () => {
      it('can run again, and from several processes starting at once, without harm', async () => {
        const key = await newSigningKey();
        await storage.saveSigningKey(key);
        const others = [await open(), await open(), await open()];
        await Promise.all([storage.migrate(), storage.migrate(), ...others.map((s) => s.migrate())]);
        expect((await others[0]?.signingKey())?.id).toBe(key.id);
      });

      // better-sqlite3 waits for a lock synchronously, so two SQLite connections in one process
      // would block each other; for SQLite the publish tests start real processes together instead.
      it.runIf(options.parallelConnections)(
        'lets processes starting together on an empty store all open it',
        async () => {
          await storage.close();
          opened.length = 0;
          await store.dispose();
          store = await create();
          const all = await Promise.all([open(), open(), open(), open()]);
          expect(await Promise.all(all.map((s) => s.signingKey()))).toEqual([
            undefined,
            undefined,
            undefined,
            undefined,
          ]);
          storage = all[0] as Storage;
        },
      );
    });

    describe('signing key', () => {
      it('is kept once: a second key saved later is ignored and the first returned', async () => {
        expect(await storage.signingKey()).toBeUndefined();
        const first = await newSigningKey();
        const second = await newSigningKey();
        const { cryptoKey: _a, ...firstStored } = first;
        expect(await storage.saveSigningKey(first)).toEqual(firstStored);
        expect(await storage.saveSigningKey(second)).toEqual(firstStored);
        expect(await storage.signingKey()).toEqual(firstStored);
      });
    });

    describe('releases', () => {
      let key: Awaited<ReturnType<typeof newSigningKey>>;
      beforeEach(async () => {
        key = await newSigningKey();
      });

      it('stores both variants with their records and reads them back equal', async () => {
        const release = await releaseOf(sampleHandbook(), 1, key.cryptoKey, key.id);
        await storage.insertRelease(release);

        expect(await storage.jurisdictionIds()).toEqual(['hn-prueba']);
        for (const variant of release.variants) {
          const stored = await storage.release('hn-prueba', 1, variant.variant);
          const expected = {
            jurisdictionId: 'hn-prueba',
            number: 1,
            variant: variant.variant,
            publishedAt: release.publishedAt,
            stateHash: variant.release.header.stateHash,
            release: variant.release,
            changelog: variant.changelog,
          };
          expect(stored).toEqual(expected);
          expect(await storage.latestRelease('hn-prueba', variant.variant)).toEqual(expected);
          expect(await storage.releases('hn-prueba', variant.variant)).toEqual([expected]);

          const hashes = await storage.recordHashes('hn-prueba', 1, variant.variant);
          expect(hashes).toEqual(Object.fromEntries(variant.records.map((r) => [r.record.key, r.hash])));
          expect(await stateHash(hashes)).toBe(variant.release.header.stateHash);
          const records = await storage.records(Object.values(hashes));
          expect(records).toEqual(new Map(variant.records.map((r) => [r.hash, r.record])));
        }
        const enrolled = await storage.recordHashes('hn-prueba', 1, 'enrolled');
        const publicOnes = await storage.recordHashes('hn-prueba', 1, 'public');
        expect(Object.keys(enrolled)).toContain('provider/casa-refugio-secreta');
        expect(Object.keys(publicOnes)).not.toContain('provider/casa-refugio-secreta');
      });

      it("keeps a release's note, written with it, and none for a release published without one", async () => {
        await storage.insertRelease(await releaseOf(sampleHandbook(), 1, key.cryptoKey, key.id));
        const second = await releaseOf(sampleHandbook(), 2, key.cryptoKey, key.id);
        await storage.insertRelease({
          ...second,
          note: { message: 'New shelter phone', publishedBy: 'coordinator-1' },
        });
        expect([...(await storage.releaseNotes('hn-prueba'))]).toEqual([
          [2, { message: 'New shelter phone', publishedBy: 'coordinator-1' }],
        ]);
        expect(await storage.releaseNotes('gt-ayutla')).toEqual(new Map());
      });

      it('answers nothing for releases and jurisdictions it does not hold', async () => {
        expect(await storage.latestRelease('hn-prueba', 'public')).toBeUndefined();
        expect(await storage.release('hn-prueba', 1, 'public')).toBeUndefined();
        expect(await storage.releases('hn-prueba', 'public')).toEqual([]);
        expect(await storage.recordHashes('hn-prueba', 1, 'public')).toEqual({});
        expect(await storage.records(['0'.repeat(64)])).toEqual(new Map());
        expect(await storage.jurisdictionIds()).toEqual([]);
      });

      it('keeps a record shared by releases and variants once, and lists releases in order', async () => {
        const first = await releaseOf(sampleHandbook(), 1, key.cryptoKey, key.id);
        const second = await releaseOf(withChangedPhone('+50426533545'), 2, key.cryptoKey, key.id);
        await storage.insertRelease(first);
        await storage.insertRelease(second);

        const distinct = new Set(
          [first, second].flatMap((r) => r.variants.flatMap((v) => v.records.map((x) => x.hash))),
        );
        expect(await store.count('records')).toBe(distinct.size);
        expect((await storage.releases('hn-prueba', 'public')).map((r) => r.number)).toEqual([1, 2]);
        expect((await storage.latestRelease('hn-prueba', 'enrolled'))?.number).toBe(2);
        expect((await storage.recordHashes('hn-prueba', 1, 'public'))['provider/caminos']).not.toBe(
          (await storage.recordHashes('hn-prueba', 2, 'public'))['provider/caminos'],
        );
      });

      it('refuses a release number that exists with ReleaseExistsError and changes nothing', async () => {
        await storage.insertRelease(await releaseOf(sampleHandbook(), 1, key.cryptoKey, key.id));
        const before = await counts();
        const latest = await storage.latestRelease('hn-prueba', 'public');

        const again = await releaseOf(withChangedPhone('+50426533545'), 1, key.cryptoKey, key.id);
        await expect(storage.insertRelease(again)).rejects.toBeInstanceOf(ReleaseExistsError);
        expect(await counts()).toEqual(before);
        expect(await storage.latestRelease('hn-prueba', 'public')).toEqual(latest);
      });

      it('leaves no part of a release behind when one of its writes fails', async () => {
        await storage.insertRelease(await releaseOf(sampleHandbook(), 1, key.cryptoKey, key.id));
        const before = await counts();

        // The last record of the enrolled variant repeats a key: the final insert fails,
        // after the release rows and the new records were written in the same transaction.
        const broken = await releaseOf(withChangedPhone('+50426533545'), 2, key.cryptoKey, key.id);
        const enrolled = broken.variants.find((v) => v.variant === 'enrolled');
        const last = enrolled?.records.at(-1);
        if (!enrolled || !last) throw new Error('release without enrolled records');
        enrolled.records.push({ ...last, hash: last.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) });

        const error = await storage.insertRelease(broken).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(ReleaseExistsError);
        expect(await counts()).toEqual(before);
        expect((await storage.latestRelease('hn-prueba', 'public'))?.number).toBe(1);
        const changed = broken.variants[0]?.records.find((r) => r.record.key === 'provider/caminos');
        expect(await storage.records([changed?.hash as string])).toEqual(new Map());

        await storage.insertRelease(await releaseOf(withChangedPhone('+50426533545'), 2, key.cryptoKey, key.id));
        expect((await storage.latestRelease('hn-prueba', 'public'))?.number).toBe(2);
      });

      it('lets exactly one of two publishers of the same number succeed', async () => {
        const other = options.parallelConnections ? await open() : storage;
        const results = await Promise.allSettled([
          storage.insertRelease(await releaseOf(sampleHandbook(), 1, key.cryptoKey, key.id)),
          other.insertRelease(await releaseOf(withChangedPhone('+50426533545'), 1, key.cryptoKey, key.id)),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(failure.reason).toBeInstanceOf(ReleaseExistsError);
        const stored = await storage.latestRelease('hn-prueba', 'enrolled');
        const hashes = await storage.recordHashes('hn-prueba', 1, 'enrolled');
        expect(await stateHash(hashes)).toBe(stored?.stateHash);
      });

      it('writes a 2,000-record release quickly', async () => {
        const input = sampleHandbookInput();
        const template = input.providers[0];
        if (!template) throw new Error('fixture without providers');
        for (let i = 0; i < 2000; i++) input.providers.push({ ...template, id: `generado-${i}` });
        const release = await releaseOf(sampleHandbook(input), 1, key.cryptoKey, key.id);
        const started = performance.now();
        await storage.insertRelease(release);
        const elapsed = performance.now() - started;
        expect(Object.keys(await storage.recordHashes('hn-prueba', 1, 'public'))).toHaveLength(2007);
        expect(elapsed).toBeLessThan(storage.dialect === 'sqlite' ? 1000 : 5000);
      });
    });

    describe('enrolment', () => {
      const now = '2026-11-24T12:00:00.000Z';
      const code = (overrides: { jurisdictionId?: string; expiresAt?: string } = {}) => ({
        jurisdictionId: 'hn-prueba',
        createdAt: '2026-11-24T09:00:00.000Z',
        expiresAt: '2026-11-27T09:00:00.000Z',
        redeemedAt: null,
        ...overrides,
      });

      it('redeems a code once: the device is enrolled and found by its token', async () => {
        const codeHash = fakeHash();
        const tokenHash = fakeHash();
        const deviceId = randomUUID();
        await storage.createEnrolmentCode(codeHash, code());

        const outcome = await storage.redeemEnrolmentCode(codeHash, deviceId, tokenHash, now);
        const device = {
          id: deviceId,
          jurisdictionId: 'hn-prueba',
          enrolledAt: now,
          revokedAt: null,
          lastSeenAt: null,
          releaseNumber: null,
        };
        expect(outcome).toEqual({ ok: true, device });
        expect(await storage.deviceByTokenHash(tokenHash)).toEqual(device);
        expect(await storage.devices('hn-prueba')).toEqual([device]);

        expect(await storage.redeemEnrolmentCode(codeHash, randomUUID(), fakeHash(), now)).toEqual({
          ok: false,
          reason: 'used',
        });
        expect(await storage.devices('hn-prueba')).toHaveLength(1);
      });

      it('refuses an expired code and an unknown one', async () => {
        const expired = fakeHash();
        await storage.createEnrolmentCode(expired, code({ expiresAt: '2026-11-24T11:59:59.999Z' }));
        expect(await storage.redeemEnrolmentCode(expired, randomUUID(), fakeHash(), now)).toEqual({
          ok: false,
          reason: 'expired',
        });
        expect(await storage.redeemEnrolmentCode(fakeHash(), randomUUID(), fakeHash(), now)).toEqual({
          ok: false,
          reason: 'unknown',
        });
        expect(await store.count('devices')).toBe(0);
      });

      it('gives a code to exactly one of two devices redeeming it at once', async () => {
        const codeHash = fakeHash();
        await storage.createEnrolmentCode(codeHash, code());
        const other = options.parallelConnections ? await open() : storage;
        const outcomes = await Promise.all([
          storage.redeemEnrolmentCode(codeHash, randomUUID(), fakeHash(), now),
          other.redeemEnrolmentCode(codeHash, randomUUID(), fakeHash(), now),
        ]);
        expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
        expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'used' }]);
        expect(await storage.devices('hn-prueba')).toHaveLength(1);
      });

      it('enrols one device in several jurisdictions, each with its own token, listed per jurisdiction', async () => {
        const deviceId = randomUUID();
        const [a, b] = [fakeHash(), fakeHash()];
        const [tokenA, tokenB] = [fakeHash(), fakeHash()];
        await storage.createEnrolmentCode(a, code());
        await storage.createEnrolmentCode(b, code({ jurisdictionId: 'gt-ayutla' }));
        await storage.redeemEnrolmentCode(a, deviceId, tokenA, now);
        await storage.redeemEnrolmentCode(b, deviceId, tokenB, now);

        expect((await storage.deviceByTokenHash(tokenA))?.jurisdictionId).toBe('hn-prueba');
        expect((await storage.deviceByTokenHash(tokenB))?.jurisdictionId).toBe('gt-ayutla');
        expect((await storage.devices('gt-ayutla')).map((d) => d.id)).toEqual([deviceId]);
        expect(await storage.devices('mx-tapachula')).toEqual([]);

        await storage.deviceSeen(deviceId, 3, '2026-11-25T08:00:00.000Z', 'gt-ayutla');
        expect(await storage.deviceByTokenHash(tokenB)).toMatchObject({
          lastSeenAt: '2026-11-25T08:00:00.000Z',
          releaseNumber: 3,
        });
        expect(await storage.deviceByTokenHash(tokenA)).toMatchObject({ lastSeenAt: null, releaseNumber: null });
      });

      it('revokes a device, keeps the first revocation time, and tells when there is no such device', async () => {
        const codeHash = fakeHash();
        const tokenHash = fakeHash();
        const deviceId = randomUUID();
        await storage.createEnrolmentCode(codeHash, code());
        await storage.redeemEnrolmentCode(codeHash, deviceId, tokenHash, now);

        expect(await storage.revokeDevice(deviceId, '2026-11-26T00:00:00.000Z')).toBe(true);
        expect(await storage.revokeDevice(deviceId, '2026-11-27T00:00:00.000Z')).toBe(true);
        expect((await storage.deviceByTokenHash(tokenHash))?.revokedAt).toBe('2026-11-26T00:00:00.000Z');
        expect(await storage.revokeDevice(randomUUID(), now)).toBe(false);

        // A coordinator may enrol the device again with a new code: a new token, no longer revoked.
        const again = fakeHash();
        const newToken = fakeHash();
        await storage.createEnrolmentCode(again, code());
        expect(await storage.redeemEnrolmentCode(again, deviceId, newToken, '2026-11-26T12:00:00.000Z')).toMatchObject({
          ok: true,
          device: { id: deviceId, revokedAt: null },
        });
        expect(await storage.deviceByTokenHash(tokenHash)).toBeUndefined();
        expect((await storage.deviceByTokenHash(newToken))?.revokedAt).toBeNull();
      });

      it('records when a device was last seen and on which release', async () => {
        const codeHash = fakeHash();
        const tokenHash = fakeHash();
        const deviceId = randomUUID();
        await storage.createEnrolmentCode(codeHash, code());
        await storage.redeemEnrolmentCode(codeHash, deviceId, tokenHash, now);
        await storage.deviceSeen(deviceId, 4, '2026-11-25T08:00:00.000Z');
        expect(await storage.deviceByTokenHash(tokenHash)).toMatchObject({
          lastSeenAt: '2026-11-25T08:00:00.000Z',
          releaseNumber: 4,
        });
      });
    });

    describe('field reports', () => {
      it('stores a report once: the same again is a duplicate, another with its id a conflict', async () => {
        const first = report();
        expect(await storage.saveFieldReport(first, '2026-11-24T10:05:00.000Z')).toBe('created');
        expect(await storage.saveFieldReport({ ...first }, '2026-11-24T10:06:00.000Z')).toBe('duplicate');
        expect(await storage.saveFieldReport({ ...first, details: 'Something else' }, '2026-11-24T10:07:00.000Z')).toBe(
          'conflict',
        );
        expect(await storage.fieldReports('hn-prueba')).toEqual([
          { ...first, receivedAt: '2026-11-24T10:05:00.000Z', outcome: null },
        ]);
      });

      it("lists a jurisdiction's reports only, newest first", async () => {
        const older = report({ reportedAt: '2026-11-20T10:00:00.000Z' });
        const newer = report({ reportedAt: '2026-11-23T10:00:00.000Z', problem: 'other', details: 'Moved next door' });
        const elsewhere = report({ jurisdictionId: 'gt-ayutla' });
        for (const r of [older, newer, elsewhere]) await storage.saveFieldReport(r, '2026-11-24T10:05:00.000Z');
        expect((await storage.fieldReports('hn-prueba')).map((r) => r.id)).toEqual([newer.id, older.id]);
        expect((await storage.fieldReports('gt-ayutla')).map((r) => r.id)).toEqual([elsewhere.id]);
        expect(await storage.fieldReports('mx-tapachula')).toEqual([]);
      });

      it('are resolved or dismissed by a coordinator; the latest decision counts and devices can ask for it', async () => {
        const moved = report();
        const open = report();
        for (const r of [moved, open]) await storage.saveFieldReport(r, '2026-11-24T10:05:00.000Z');
        const dismissed = {
          status: 'dismissed',
          note: '',
          decidedAt: '2026-11-24T11:00:00.000Z',
          decidedBy: null,
        } as const;
        const resolved = {
          status: 'resolved',
          note: 'New address',
          decidedAt: '2026-11-24T12:00:00.000Z',
          decidedBy: 'a1',
        } as const;
        expect(await storage.decideFieldReport(moved.id, dismissed)).toBe(true);
        expect(await storage.decideFieldReport(moved.id, resolved)).toBe(true);
        expect(await storage.decideFieldReport(randomUUID(), resolved)).toBe(false);
        const outcomes = await storage.fieldReportOutcomes([moved.id, open.id, randomUUID()]);
        expect([...outcomes]).toEqual([[moved.id, resolved]]);
        const listed = await storage.fieldReports('hn-prueba');
        expect(listed.find((r) => r.id === moved.id)?.outcome).toEqual(resolved);
        expect(listed.find((r) => r.id === open.id)?.outcome).toBeNull();
      });
    });

    describe('anonymous aggregates', () => {
      it("sums every device's batches by jurisdiction, week and stage, newest week first", async () => {
        await storage.saveAggregateBatch(batch({ counts: { referral: 2, identification: 1 } }));
        await storage.saveAggregateBatch(batch({ counts: { referral: 3, protection: 0 } }));
        await storage.saveAggregateBatch(batch({ week: '2026-W48', counts: { immediate_assistance: 4 } }));
        await storage.saveAggregateBatch(batch({ week: '2025-W52', counts: { follow_up: 1 } }));
        await storage.saveAggregateBatch(batch({ jurisdictionId: 'gt-ayutla', counts: { referral: 7 } }));
        expect(await storage.aggregateCounts('hn-prueba')).toEqual([
          { week: '2026-W48', counts: { immediate_assistance: 4 } },
          { week: '2026-W47', counts: { identification: 1, referral: 5 } },
          { week: '2025-W52', counts: { follow_up: 1 } },
        ]);
        expect(await storage.aggregateCounts('gt-ayutla')).toEqual([{ week: '2026-W47', counts: { referral: 7 } }]);
        expect(await storage.aggregateCounts('mx-tapachula')).toEqual([]);
      });

      it('adds a batch once: the same again is a duplicate, another with its id a conflict, and neither adds', async () => {
        const first = batch({ counts: { referral: 2, identification: 1 } });
        expect(await storage.saveAggregateBatch(first)).toBe('created');
        const before = await counts();
        // The same content with its keys in another order is the same batch.
        expect(await storage.saveAggregateBatch({ ...first, counts: { identification: 1, referral: 2 } })).toBe(
          'duplicate',
        );
        expect(await storage.saveAggregateBatch({ ...first, counts: { referral: 3, identification: 1 } })).toBe(
          'conflict',
        );
        expect(await storage.saveAggregateBatch({ ...first, week: '2026-W46' })).toBe('conflict');
        expect(await storage.saveAggregateBatch({ ...first, jurisdictionId: 'gt-ayutla' })).toBe('conflict');
        expect(await counts()).toEqual(before);
        expect(await storage.aggregateCounts('hn-prueba')).toEqual([
          { week: '2026-W47', counts: { identification: 1, referral: 2 } },
        ]);
      });

      it('adds copies of one batch arriving together once', async () => {
        const copies = batch({ counts: { protection: 3 } });
        const others = options.parallelConnections ? [await open(), await open()] : [storage, storage];
        const outcomes = await Promise.all([storage, ...others].map((s) => s.saveAggregateBatch({ ...copies })));
        expect(outcomes.sort()).toEqual(['created', 'duplicate', 'duplicate']);
        expect(await storage.aggregateCounts('hn-prueba')).toEqual([{ week: '2026-W47', counts: { protection: 3 } }]);
      });

      it('forgets the ids of batches about old weeks but keeps their sums', async () => {
        const old = batch({ week: '2025-W40' });
        const recent = batch({ week: '2026-W02' });
        for (const b of [old, recent]) await storage.saveAggregateBatch(b);
        await storage.forgetAggregateBatchesBefore('2026-W01');
        expect(await store.count('aggregate_batches')).toBe(1);
        expect(await storage.saveAggregateBatch({ ...recent })).toBe('duplicate');
        expect(await storage.aggregateCounts('hn-prueba')).toEqual([
          { week: '2026-W02', counts: { referral: 2 } },
          { week: '2025-W40', counts: { referral: 2 } },
        ]);
      });
    });

    describe('drafts', () => {
      const by = { at: '2026-11-24T10:00:00.000Z', accountId: 'coordinator-1' };
      const casa = { id: 'casa', name: { es: 'Casa', en: 'House' } };

      it('saves a new record at revision 1 and each later save from the current revision one higher', async () => {
        const first = await storage.saveDraftRecords(
          'hn-prueba',
          [{ key: 'provider/casa', body: casa, archived: false, baseRevision: null }],
          by,
        );
        expect(first).toEqual({
          ok: true,
          records: [
            {
              key: 'provider/casa',
              body: casa,
              revision: 1,
              archived: false,
              updatedAt: by.at,
              updatedBy: 'coordinator-1',
            },
          ],
        });
        const renamed = { ...casa, name: { es: 'Casa Refugio', en: 'Refuge House' } };
        const second = await storage.saveDraftRecords(
          'hn-prueba',
          [{ key: 'provider/casa', body: renamed, archived: true, baseRevision: 1 }],
          by,
        );
        expect(second.ok && second.records[0]).toMatchObject({ revision: 2, archived: true, body: renamed });
        expect(await storage.draftRecords('gt-ayutla')).toEqual([]);
      });

      it('refuses a save from an older revision, or a new record whose key exists, and writes nothing of the batch', async () => {
        await storage.saveDraftRecords(
          'hn-prueba',
          [{ key: 'provider/casa', body: casa, archived: false, baseRevision: null }],
          by,
        );
        await storage.saveDraftRecords(
          'hn-prueba',
          [{ key: 'provider/casa', body: { ...casa, url: 'https://a.example' }, archived: false, baseRevision: 1 }],
          by,
        );
        const before = await storage.draftRecords('hn-prueba');
        const stale = await storage.saveDraftRecords(
          'hn-prueba',
          [
            { key: 'provider/nuevo', body: { id: 'nuevo' }, archived: false, baseRevision: null },
            { key: 'provider/casa', body: { ...casa, url: 'https://b.example' }, archived: false, baseRevision: 1 },
          ],
          by,
        );
        expect(stale).toEqual({ ok: false, key: 'provider/casa', current: before[0] });
        const duplicate = await storage.saveDraftRecords(
          'hn-prueba',
          [{ key: 'provider/casa', body: casa, archived: false, baseRevision: null }],
          by,
        );
        expect(duplicate.ok).toBe(false);
        expect(await storage.draftRecords('hn-prueba')).toEqual(before);
      });

      it('lets exactly one of two coordinators saving from the same revision at once win', async () => {
        await storage.saveDraftRecords(
          'hn-prueba',
          [{ key: 'provider/casa', body: casa, archived: false, baseRevision: null }],
          by,
        );
        const edits = ['https://a.example', 'https://b.example'].map((url) =>
          storage.saveDraftRecords(
            'hn-prueba',
            [{ key: 'provider/casa', body: { ...casa, url }, archived: false, baseRevision: 1 }],
            by,
          ),
        );
        const outcomes = await Promise.all(edits);
        expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
        expect((await storage.draftRecords('hn-prueba'))[0]?.revision).toBe(2);
      });

      it('an import overwrites whatever is there; replacing the draft carries revisions on', async () => {
        await storage.saveDraftRecords(
          'hn-prueba',
          [{ key: 'provider/casa', body: casa, archived: false, baseRevision: null }],
          by,
        );
        const imported = await storage.saveDraftRecords(
          'hn-prueba',
          [
            {
              key: 'provider/casa',
              body: { ...casa, url: 'https://hsds.example' },
              archived: false,
              baseRevision: 'any',
            },
            { key: 'provider/otra', body: { id: 'otra' }, archived: false, baseRevision: 'any' },
          ],
          by,
        );
        expect(imported.ok && imported.records.map((r) => [r.key, r.revision])).toEqual([
          ['provider/casa', 2],
          ['provider/otra', 1],
        ]);
        await storage.replaceDraft(
          'hn-prueba',
          [
            { key: 'provider/casa', body: casa },
            { key: 'jurisdiction', body: { id: 'hn-prueba' } },
          ],
          {
            at: '2026-11-24T11:00:00.000Z',
            accountId: null,
          },
        );
        expect((await storage.draftRecords('hn-prueba')).map((r) => [r.key, r.revision, r.updatedBy])).toEqual([
          ['jurisdiction', 1, null],
          ['provider/casa', 3, null],
        ]);
      });
    });

    describe('accounts', () => {
      it('stores an account once per email, whatever its case, and reads it back', async () => {
        const ana = newAccount();
        expect(await storage.createAccount(ana)).toBe('created');
        const stored = { ...ana, disabledAt: null, failedLogins: 0, lockedUntil: null };
        expect(await storage.account(ana.id)).toEqual(stored);
        expect(await storage.accountByEmail('Ana@Example.ORG')).toEqual(stored);
        expect(await storage.createAccount(newAccount({ displayName: 'Another Ana' }))).toBe('exists');
        expect(await store.count('accounts')).toBe(1);
        const { passwordHash: _, ...listed } = stored;
        expect(await storage.accounts()).toEqual([listed]);
        expect(await storage.account(randomUUID())).toBeUndefined();
        expect(await storage.accountByEmail('nadie@example.org')).toBeUndefined();
      });

      it('changes the password, name and disabled time of an account, and tells when there is none', async () => {
        const ana = newAccount();
        await storage.createAccount(ana);
        expect(
          await storage.updateAccount(ana.id, {
            passwordHash: 'scrypt$new',
            displayName: 'Ana M.',
            disabledAt: '2026-11-25T00:00:00.000Z',
          }),
        ).toBe(true);
        expect(await storage.account(ana.id)).toMatchObject({
          passwordHash: 'scrypt$new',
          displayName: 'Ana M.',
          disabledAt: '2026-11-25T00:00:00.000Z',
          role: 'coordinator',
        });
        expect(await storage.updateAccount(randomUUID(), { displayName: 'x' })).toBe(false);
      });

      it('locks an account at the fifth failed sign-in in a row, and a success clears the count', async () => {
        const ana = newAccount();
        await storage.createAccount(ana);
        const until = '2026-11-24T10:15:00.000Z';
        for (let failure = 1; failure <= 4; failure++) {
          expect(await storage.recordLoginFailure(ana.id, 5, until)).toMatchObject({
            failedLogins: failure,
            lockedUntil: null,
          });
        }
        expect(await storage.recordLoginFailure(ana.id, 5, until)).toMatchObject({
          failedLogins: 0,
          lockedUntil: until,
        });
        await storage.recordLoginSuccess(ana.id);
        expect(await storage.account(ana.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
        expect(await storage.recordLoginFailure(randomUUID(), 5, until)).toBeUndefined();
      });

      it('counts failed sign-ins arriving at once without losing any', async () => {
        const ana = newAccount();
        await storage.createAccount(ana);
        const others = options.parallelConnections ? [await open(), await open()] : [storage, storage];
        const until = '2026-11-24T10:15:00.000Z';
        await Promise.all([storage, ...others, storage].map((s) => s.recordLoginFailure(ana.id, 5, until)));
        expect(await storage.account(ana.id)).toMatchObject({ failedLogins: 4, lockedUntil: null });
        await storage.recordLoginFailure(ana.id, 5, until);
        expect(await storage.account(ana.id)).toMatchObject({ lockedUntil: until });
      });
    });

    describe('sessions', () => {
      it('are found by id, touched, and ended one by one or all of an account at once', async () => {
        const ana = newAccount();
        const ben = newAccount({ email: 'ben@example.org', role: 'admin', jurisdictionIds: [] });
        await storage.createAccount(ana);
        await storage.createAccount(ben);
        const session = (accountId: string) => ({
          id: fakeHash(),
          accountId,
          createdAt: '2026-11-24T09:00:00.000Z',
          expiresAt: '2026-11-24T21:00:00.000Z',
          lastSeenAt: '2026-11-24T09:00:00.000Z',
        });
        const [first, second, bens] = [session(ana.id), session(ana.id), session(ben.id)];
        for (const s of [first, second, bens]) await storage.createSession(s);
        expect(await storage.session(first.id)).toEqual(first);
        await storage.touchSession(first.id, '2026-11-24T09:30:00.000Z');
        expect(await storage.session(first.id)).toEqual({ ...first, lastSeenAt: '2026-11-24T09:30:00.000Z' });

        await storage.deleteSession(first.id);
        expect(await storage.session(first.id)).toBeUndefined();
        expect(await storage.session(second.id)).toEqual(second);
        await storage.deleteSessionsOf(ana.id);
        expect(await storage.session(second.id)).toBeUndefined();
        expect(await storage.session(bens.id)).toEqual(bens);
      });
    });

    describe('audit log', () => {
      it('keeps entries in the order written, newest first, per jurisdiction when asked', async () => {
        const at = '2026-11-24T09:00:00.000Z';
        const login = await storage.appendAudit({
          at,
          actorAccountId: randomUUID(),
          action: 'login',
          jurisdictionId: null,
          subject: 'ana@example.org',
          details: { address: '127.0.0.1' },
        });
        const publish = await storage.appendAudit({
          at,
          actorAccountId: null,
          action: 'publish',
          jurisdictionId: 'hn-prueba',
          subject: 'release 2',
          details: { via: 'cli', changes: 3 },
        });
        const elsewhere = await storage.appendAudit({
          at,
          actorAccountId: null,
          action: 'device_revoked',
          jurisdictionId: 'gt-ayutla',
          subject: randomUUID(),
          details: {},
        });
        expect(publish.id).toBeGreaterThan(login.id);
        expect(publish).toEqual({
          id: publish.id,
          at,
          actorAccountId: null,
          action: 'publish',
          jurisdictionId: 'hn-prueba',
          subject: 'release 2',
          details: { via: 'cli', changes: 3 },
        });
        expect(await storage.auditLog()).toEqual([elsewhere, publish, login]);
        expect(await storage.auditLog({ jurisdictionId: 'hn-prueba' })).toEqual([publish]);
        expect(await storage.auditLog({ limit: 2 })).toEqual([elsewhere, publish]);
      });
    });
  });
}
