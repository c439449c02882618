import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RutasDatabase } from '../../../src/app/db/database';
import { DexieHandbookStore } from '../../../src/app/handbook/dexie-store';
import { MemoryHandbookStore } from '../../../src/app/handbook/memory-store';
import { deviceId } from '../../../src/app/sync/device';
import { commitRelease, installSnapshot } from '../../../src/app/sync/install';
import type { HandbookInput } from '../../../src/core/handbook/schema';
import { type ReleaseVariant, recordHashes } from '../../../src/core/release/records';
import { verifySnapshot } from '../../../src/core/sync/verify';
import { sampleHandbook, sampleHandbookInput } from '../support/handbook-fixture';
import { openReleaseStore, publishedSnapshots, type ReleaseStore } from './support/real-server';

let databases: Dexie[] = [];
let counter = 0;
/** A database of its own for each test, over fake-indexeddb. */
function freshDatabase(name = `rutas-test-${Date.now()}-${counter++}`): RutasDatabase {
  const db = new RutasDatabase(name);
  databases.push(db);
  return db;
}
afterEach(async () => {
  for (const db of databases) db.close();
  for (const name of new Set(databases.map((db) => db.name))) await Dexie.delete(name);
  databases = [];
});

let publicKey: string;
/** The server's store, whose key signs every release here. */
let signer: ReleaseStore;
beforeAll(async () => {
  signer = await openReleaseStore();
  publicKey = signer.publicKey;
});
afterAll(() => signer.close());

/** The snapshots of successive editions of a handbook, as a server signs them. */
async function snapshots(
  editions: ((h: HandbookInput) => void)[],
  id = 'hn-prueba',
  variant: ReleaseVariant = 'public',
) {
  const handbooks = editions.map((edit) => {
    const input = sampleHandbookInput();
    edit(input);
    return sampleHandbook(input);
  });
  const snapshots = await publishedSnapshots(signer, handbooks, variant);
  if (snapshots.some((s) => s.release.header.jurisdictionId !== id)) throw new Error(`These editions are not of ${id}`);
  return snapshots;
}

const same = () => undefined;
const otherJurisdiction = (h: HandbookInput) => {
  h.jurisdiction.id = 'gt-vecina';
  h.jurisdiction.name = { es: 'Vecina, Guatemala', en: 'Vecina, Guatemala' };
};
const expected = (id: string, variant: ReleaseVariant = 'public') => ({ jurisdictionId: id, variant, publicKey });

describe('installing a release on the device', () => {
  it('makes the whole handbook readable offline, restricted records excluded, phones as dialled locally', async () => {
    const db = freshDatabase();
    const [first] = await snapshots([same]);
    const installed = await installSnapshot(db, first, expected('hn-prueba'), {
      now: new Date('2026-11-24T08:00:00Z'),
    });
    expect(installed).toEqual({
      jurisdictionId: 'hn-prueba',
      number: 1,
      variant: 'public',
      stateHash: first?.release.header.stateHash,
      publishedAt: first?.release.header.publishedAt,
      installedAt: '2026-11-24T08:00:00.000Z',
      recordHashes: await recordHashes(first?.records ?? []),
      release: first?.release,
    });
    const handbook = await new DexieHandbookStore(db).handbook('hn-prueba');
    expect(handbook?.jurisdiction.phoneDisplay).toEqual({ '911': '911', '145': '145' });
    expect(handbook?.providers.map((p) => p.id).sort()).toEqual(
      ['albergue-san-jose', 'caminos', 'consulado-guatemala', 'hospital-area'].sort(),
    );
    expect(handbook?.providers.find((p) => p.id === 'caminos')?.phoneDisplay).toEqual({ '+50426533544': '2653-3544' });
    expect(handbook?.routes).toEqual([expect.objectContaining({ id: 'ruta-principal', jurisdictionId: 'hn-prueba' })]);
    expect(handbook?.checklists).toEqual([expect.objectContaining({ id: 'indicadores' })]);
    expect(handbook?.release).toEqual(installed);
  });

  it('a newer release replaces the old content: a provider removed upstream disappears from the phone', async () => {
    const db = freshDatabase();
    const [first, second] = await snapshots([
      same,
      (h) => {
        h.providers = h.providers.filter((p) => p.id !== 'consulado-guatemala');
        const caminos = h.providers.find((p) => p.id === 'caminos');
        if (caminos) caminos.phones = [{ number: '+50426533545' }];
      },
    ]);
    await installSnapshot(db, first, expected('hn-prueba'));
    await installSnapshot(db, second, expected('hn-prueba'));
    const handbook = await new DexieHandbookStore(db).handbook('hn-prueba');
    expect(handbook?.release.number).toBe(2);
    expect(handbook?.providers.map((p) => p.id)).not.toContain('consulado-guatemala');
    expect(handbook?.providers.find((p) => p.id === 'caminos')?.phones[0]?.number).toBe('+50426533545');
    expect(handbook?.providers.find((p) => p.id === 'caminos')?.phoneDisplay).toEqual({ '+50426533545': '2653-3545' });
  });

  it('refuses to go back to an older release of the same variant', async () => {
    const db = freshDatabase();
    const [first, second] = await snapshots([same, (h) => (h.jurisdiction.localName = 'Nueva')]);
    await installSnapshot(db, second, expected('hn-prueba'));
    await expect(installSnapshot(db, first, expected('hn-prueba'))).rejects.toMatchObject({ reason: 'not-newer' });
    expect((await db.releases.get('hn-prueba'))?.number).toBe(2);
  });

  it("installing one jurisdiction leaves another jurisdiction's handbook untouched", async () => {
    const db = freshDatabase();
    const [neighbour] = await snapshots([otherJurisdiction], 'gt-vecina');
    const dropped = ['consulado-guatemala', 'hospital-area'];
    const [first, second] = await snapshots([
      same,
      (h) => (h.providers = h.providers.filter((p) => !dropped.includes(p.id))),
    ]);
    await installSnapshot(db, neighbour, expected('gt-vecina'));
    await installSnapshot(db, first, expected('hn-prueba'));
    await installSnapshot(db, second, expected('hn-prueba'));
    const store = new DexieHandbookStore(db);
    const kept = await store.handbook('gt-vecina');
    expect(kept?.providers).toHaveLength(4);
    expect(kept?.release.stateHash).toBe(neighbour?.release.header.stateHash);
    expect((await store.handbook('hn-prueba'))?.providers).toHaveLength(2);
    expect((await store.jurisdictions()).map((j) => j.id).sort()).toEqual(['gt-vecina', 'hn-prueba']);
    expect((await store.releases()).map((r) => [r.jurisdictionId, r.number]).sort()).toEqual([
      ['gt-vecina', 1],
      ['hn-prueba', 2],
    ]);
  });

  it('is all or nothing: when a write fails midway, the previous handbook is intact', async () => {
    const db = freshDatabase();
    const [first, second] = await snapshots([
      same,
      (h) => (h.jurisdiction.name = { es: 'Nombre nuevo', en: 'New name' }),
    ]);
    await installSnapshot(db, first, expected('hn-prueba'));
    const store = new DexieHandbookStore(db);
    const before = await store.handbook('hn-prueba');

    const verified = await verifySnapshot(second, expected('hn-prueba'));
    // A provider whose id cannot be a key makes the provider writes fail after the jurisdiction was written.
    const broken = structuredClone(verified);
    const caminos = broken.records.find((r) => r.key === 'provider/caminos');
    if (caminos) (caminos.body as { id: unknown }).id = { not: 'a key' };
    await expect(commitRelease(db, broken, before?.release, 'snapshot')).rejects.toThrow();

    const after = await store.handbook('hn-prueba');
    expect(after).toEqual(before);
    expect(after?.release.number).toBe(1);
    expect(after?.jurisdiction.name.es).toBe('Prueba, Honduras');
    expect(await db.providers.count()).toBe(4);
  });

  it('an unknown jurisdiction has no handbook (null), so the app can say so', async () => {
    const db = freshDatabase();
    const store = new DexieHandbookStore(db);
    expect(await store.handbook('hn-prueba')).toBeNull();
    const [first] = await snapshots([same]);
    await installSnapshot(db, first, expected('hn-prueba'));
    expect(await store.handbook('hn-inexistente')).toBeNull();
    expect(await store.handbook('')).toBeNull();
  });
});

describe('device settings', () => {
  it('survive closing and reopening the app', async () => {
    const name = `rutas-settings-${counter++}`;
    const db = freshDatabase(name);
    const store = new DexieHandbookStore(db);
    expect(await store.setting('lastJurisdictionId')).toBeUndefined();
    await store.saveSetting('lastJurisdictionId', 'hn-prueba');
    await store.saveSetting('persistenceRequested', true);
    db.close();

    const reopened = new DexieHandbookStore(freshDatabase(name));
    expect(await reopened.setting('lastJurisdictionId')).toBe('hn-prueba');
    expect(await reopened.setting('persistenceRequested')).toBe(true);
    await reopened.saveSetting('lastJurisdictionId', 'gt-vecina');
    expect(await reopened.setting('lastJurisdictionId')).toBe('gt-vecina');
  });

  it('the device id is a random UUID created once and kept', async () => {
    const name = `rutas-device-${counter++}`;
    const db = freshDatabase(name);
    const [a, b] = await Promise.all([deviceId(db), deviceId(db)]);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b).toBe(a);
    db.close();
    expect(await deviceId(freshDatabase(name))).toBe(a);
    expect(await deviceId(freshDatabase())).not.toBe(a);
  });

  it('also round-trip in memory when the device database cannot be used', async () => {
    const [first] = await snapshots([same]);
    const store = new MemoryHandbookStore([await verifySnapshot(first, expected('hn-prueba'))]);
    expect(await store.setting('lastJurisdictionId')).toBeUndefined();
    await store.saveSetting('lastJurisdictionId', 'hn-prueba');
    expect(await store.setting('lastJurisdictionId')).toBe('hn-prueba');
  });
});

describe('the in-memory store', () => {
  it('reads a release the same way the device database does', async () => {
    const [first] = await snapshots([same]);
    const loadedAt = new Date('2026-11-24T08:00:00Z');
    const memory = new MemoryHandbookStore([await verifySnapshot(first, expected('hn-prueba'))], loadedAt);
    const db = freshDatabase();
    await installSnapshot(db, first, expected('hn-prueba'), { now: loadedAt });
    const fromDisk = await new DexieHandbookStore(db).handbook('hn-prueba');
    const strip = <T extends object>(records: T[] | undefined) =>
      (records ?? [])
        .map(({ jurisdictionId: _, ...rest }: T & { jurisdictionId?: string }) => rest)
        .sort((a, b) => String((a as { id?: string }).id).localeCompare(String((b as { id?: string }).id)));
    const fromMemory = await memory.handbook('hn-prueba');
    expect(fromMemory?.release).toEqual(fromDisk?.release);
    expect(fromMemory?.jurisdiction).toEqual(fromDisk?.jurisdiction);
    expect(strip(fromMemory?.providers)).toEqual(strip(fromDisk?.providers));
    expect(strip(fromMemory?.routes)).toEqual(strip(fromDisk?.routes));
    expect(strip(fromMemory?.checklists)).toEqual(strip(fromDisk?.checklists));
    expect(await memory.handbook('nowhere')).toBeNull();
    expect(await memory.jurisdictions()).toEqual([fromDisk?.jurisdiction]);
  });
});

describe('the database schema', () => {
  it('opens at its declared version with every table', async () => {
    const db = freshDatabase();
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'aggregateCounts',
        'sealed',
        'vaultKeys',
        'checklists',
        'enrolments',
        'jurisdictions',
        'outbox',
        'providers',
        'releases',
        'routes',
        'settings',
        'syncStates',
      ].sort(),
    );
    expect(db.providers.schema.primKey.keyPath).toEqual(['jurisdictionId', 'id']);
    expect(db.providers.schema.idxByName.jurisdictionId).toBeDefined();
    expect(db.outbox.schema.idxByName.queuedAt).toBeDefined();
    expect(db.sealed.schema.primKey.keyPath).toEqual(['kind', 'id']);
  });

  it('a phone that holds a version-1 database keeps its settings; the unsigned content is dropped to be reinstalled', async () => {
    const name = `rutas-v1-${counter++}`;
    // Version 1 exactly as it shipped: devices in the field hold this. Never edit this copy.
    const v1 = new Dexie(name);
    databases.push(v1);
    v1.version(1).stores({
      jurisdictions: 'id',
      providers: '[jurisdictionId+id], jurisdictionId',
      routes: '[jurisdictionId+id], jurisdictionId',
      checklists: '[jurisdictionId+id], jurisdictionId',
      releases: 'jurisdictionId',
      settings: 'key',
    });
    const input = sampleHandbookInput();
    await v1.table('jurisdictions').put(input.jurisdiction);
    await v1.table('providers').bulkPut(input.providers.map((p) => ({ ...p, jurisdictionId: 'hn-prueba' })));
    await v1
      .table('releases')
      .put({ jurisdictionId: 'hn-prueba', number: 1, contentHash: 'a'.repeat(64), phoneDisplay: {} });
    await v1.table('settings').put({ key: 'lastJurisdictionId', value: 'hn-prueba' });
    v1.close();

    const updated = freshDatabase(name);
    await updated.open();
    const store = new DexieHandbookStore(updated);
    expect(await updated.releases.count()).toBe(0); // openHandbookStore now installs the bundled releases first
    expect(await updated.providers.count()).toBe(0);
    expect(await updated.jurisdictions.count()).toBe(0);
    expect(await store.setting('lastJurisdictionId')).toBe('hn-prueba');
  });
  it('a phone on version 2 keeps its handbook, enrolments and reports when the case tables arrive', async () => {
    const name = `rutas-v2-${counter++}`;
    const v2 = new Dexie(name);
    databases.push(v2);
    // Version 2 exactly as it shipped. Never edit this copy.
    v2.version(1).stores({
      jurisdictions: 'id',
      providers: '[jurisdictionId+id], jurisdictionId',
      routes: '[jurisdictionId+id], jurisdictionId',
      checklists: '[jurisdictionId+id], jurisdictionId',
      releases: 'jurisdictionId',
      settings: 'key',
    });
    v2.version(2).stores({ syncStates: 'jurisdictionId', enrolments: 'jurisdictionId', outbox: 'id, queuedAt' });
    const input = sampleHandbookInput();
    await v2.table('providers').bulkPut(input.providers.map((p) => ({ ...p, jurisdictionId: 'hn-prueba' })));
    await v2.table('enrolments').put({ jurisdictionId: 'hn-prueba', deviceToken: 't', enrolledAt: '2026-11-01' });
    v2.close();

    const updated = freshDatabase(name);
    await updated.open();
    expect(await updated.providers.count()).toBe(input.providers.length);
    expect(await updated.enrolments.count()).toBe(1);
    expect(await updated.sealed.count()).toBe(0);
  });
});
