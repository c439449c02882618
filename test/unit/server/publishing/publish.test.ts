import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HandbookRecord, recordHash, stateHash } from '../../../../src/core/release/records';
import { verifyReleaseHeader } from '../../../../src/core/release/signature';
import { publishHandbook } from '../../../../src/server/publishing/publish';
import { openStorage } from '../../../../src/server/storage/open';
import type { Storage } from '../../../../src/server/storage/types';
import { sampleHandbook, sampleHandbookInput } from '../../support/handbook-fixture';
import { removeTemporaryDirectory, temporaryDirectory } from '../../support/handbook-folder';

let directory: string;
let storage: Storage;
beforeEach(async () => {
  directory = await temporaryDirectory();
  storage = await openStorage({ dataDir: join(directory, 'data') });
});
afterEach(async () => {
  await storage.close();
  await removeTemporaryDirectory(directory);
});

async function storedRecords(number: number, variant: 'public' | 'enrolled'): Promise<Map<string, HandbookRecord>> {
  const hashes = await storage.recordHashes('hn-prueba', number, variant);
  const records = await storage.records(Object.values(hashes));
  return new Map(Object.entries(hashes).map(([key, hash]) => [key, records.get(hash) as HandbookRecord]));
}

function withCaminosPhone(number: string) {
  const input = sampleHandbookInput();
  const caminos = input.providers.find((p) => p.id === 'caminos');
  if (!caminos?.phones?.[0]) throw new Error('fixture changed: caminos has no phone');
  caminos.phones[0].number = number;
  return sampleHandbook(input);
}

describe('publishing a handbook', () => {
  it('creates release 1 of both variants; only the enrolled one holds the restricted safe house', async () => {
    const outcome = await publishHandbook(storage, sampleHandbook(), new Date('2026-11-24T09:00:00Z'));
    expect(outcome.status).toBe('created');
    expect(outcome.number).toBe(1);

    const publicRecords = await storedRecords(1, 'public');
    const enrolledRecords = await storedRecords(1, 'enrolled');
    expect(publicRecords.has('provider/casa-refugio-secreta')).toBe(false);
    expect(enrolledRecords.has('provider/casa-refugio-secreta')).toBe(true);
    expect(JSON.stringify([...publicRecords.values()])).not.toContain('casa-refugio-secreta');

    const step = (records: Map<string, HandbookRecord>) => {
      const route = records.get('route/ruta-principal')?.body as { stages: { steps: { responsible: string[] }[] }[] };
      return route.stages[0]?.steps[0]?.responsible;
    };
    expect(step(publicRecords)).toEqual(['albergue-san-jose']);
    expect(step(enrolledRecords)).toEqual(['albergue-san-jose', 'casa-refugio-secreta']);

    const changelog = (await storage.release('hn-prueba', 1, 'enrolled'))?.changelog ?? [];
    expect(changelog.every((c) => c.change === 'added')).toBe(true);
    expect(changelog).toHaveLength(enrolledRecords.size);
  });

  it('creates nothing when the content is the same as the latest release', async () => {
    await publishHandbook(storage, sampleHandbook(), new Date('2026-11-24T09:00:00Z'));
    const before = await storage.releases('hn-prueba', 'public');
    const outcome = await publishHandbook(storage, sampleHandbook(), new Date('2026-11-25T09:00:00Z'));
    expect(outcome).toEqual({ status: 'unchanged', number: 1 });
    expect(await storage.releases('hn-prueba', 'public')).toEqual(before);
    expect(await storage.releases('hn-prueba', 'enrolled')).toHaveLength(1);
  });

  it('publishes a changed phone number as release 2, whose changelog names the provider and `phones`', async () => {
    await publishHandbook(storage, sampleHandbook(), new Date('2026-11-24T09:00:00Z'));
    const outcome = await publishHandbook(storage, withCaminosPhone('+50426533545'), new Date('2026-11-25T09:00:00Z'));
    expect(outcome).toMatchObject({ status: 'created', number: 2 });

    for (const variant of ['public', 'enrolled'] as const) {
      const release = await storage.latestRelease('hn-prueba', variant);
      expect(release?.number).toBe(2);
      expect(release?.changelog).toEqual([
        {
          key: 'provider/caminos',
          kind: 'provider',
          change: 'changed',
          name: { es: 'Caminos — Atención psicológica', en: 'Caminos — Psychological care' },
          fields: ['phones'],
        },
      ]);
    }
    const caminos = (await storedRecords(2, 'public')).get('provider/caminos')?.body as {
      phones: { number: string }[];
    };
    expect(caminos.phones[0]?.number).toBe('+50426533545');
    expect((await storedRecords(1, 'public')).get('provider/caminos')).not.toEqual(
      (await storedRecords(2, 'public')).get('provider/caminos'),
    );
  });

  it("signs every release with the store's key, over a state hash of exactly the stored records", async () => {
    await publishHandbook(storage, sampleHandbook(), new Date('2026-11-24T09:00:00Z'));
    await publishHandbook(storage, withCaminosPhone('+50426533545'), new Date('2026-11-25T09:00:00Z'));
    const key = await storage.signingKey();
    if (!key) throw new Error('publishing created no signing key');

    for (const variant of ['public', 'enrolled'] as const) {
      for (const stored of await storage.releases('hn-prueba', variant)) {
        expect(await verifyReleaseHeader(stored.release, key.publicKey)).toBe(true);
        expect(stored.release.header.keyId).toBe(key.id);
        const hashes = await storage.recordHashes('hn-prueba', stored.number, variant);
        expect(await stateHash(hashes)).toBe(stored.release.header.stateHash);
        expect(stored.stateHash).toBe(stored.release.header.stateHash);
        expect(Object.keys(hashes)).toHaveLength(stored.release.header.recordCount);
        for (const [key, record] of await storedRecords(stored.number, variant)) {
          expect(await recordHash(record.body)).toBe(hashes[key]);
        }
        const tampered = { ...stored.release, header: { ...stored.release.header, recordCount: 1 } };
        expect(await verifyReleaseHeader(tampered, key.publicKey)).toBe(false);
      }
    }
  });
});
