import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RutasDatabase } from '../../../src/app/db/database';
import { DexieHandbookStore, installRelease } from '../../../src/app/handbook/dexie-store';
import { MemoryHandbookStore } from '../../../src/app/handbook/memory-store';
import type { HandbookInput } from '../../../src/core/handbook/schema';
import { createRelease, type Release } from '../../../src/core/release/release';
import { sampleHandbook, sampleHandbookInput } from '../support/handbook-fixture';

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

async function release(number: number, edit: (h: HandbookInput) => void = () => undefined): Promise<Release> {
  const input = sampleHandbookInput();
  edit(input);
  return createRelease(sampleHandbook(input), number, new Date(`2026-0${number}-01T00:00:00Z`));
}

const otherJurisdiction = (h: HandbookInput) => {
  h.jurisdiction.id = 'gt-vecina';
  h.jurisdiction.name = { es: 'Vecina, Guatemala', en: 'Vecina, Guatemala' };
};

describe('installing a release on the device', () => {
  it('makes the whole handbook readable offline, restricted records excluded', async () => {
    const db = freshDatabase();
    const first = await release(1);
    const installed = await installRelease(db, first, new Date('2026-11-24T08:00:00Z'));
    expect(installed).toEqual({
      jurisdictionId: 'hn-prueba',
      number: 1,
      contentHash: first.contentHash,
      publishedAt: first.publishedAt,
      phoneDisplay: first.phoneDisplay,
      installedAt: '2026-11-24T08:00:00.000Z',
    });
    const handbook = await new DexieHandbookStore(db).handbook('hn-prueba');
    expect(handbook?.jurisdiction).toEqual(first.handbook.jurisdiction);
    expect(handbook?.providers.map((p) => p.id).sort()).toEqual(
      ['albergue-san-jose', 'caminos', 'consulado-guatemala', 'hospital-area'].sort(),
    );
    expect(handbook?.providers.find((p) => p.id === 'caminos')).toMatchObject(
      first.handbook.providers.find((p) => p.id === 'caminos') ?? {},
    );
    expect(handbook?.routes).toEqual([expect.objectContaining({ id: 'ruta-principal', jurisdictionId: 'hn-prueba' })]);
    expect(handbook?.checklists).toEqual([expect.objectContaining({ id: 'indicadores' })]);
    expect(handbook?.release).toEqual(installed);
  });

  it('a newer release replaces the old content: a provider removed upstream disappears from the phone', async () => {
    const db = freshDatabase();
    await installRelease(db, await release(1));
    await installRelease(
      db,
      await release(2, (h) => {
        h.providers = h.providers.filter((p) => p.id !== 'consulado-guatemala');
        const caminos = h.providers.find((p) => p.id === 'caminos');
        if (caminos) caminos.phones = [{ number: '+50426533545' }];
      }),
    );
    const handbook = await new DexieHandbookStore(db).handbook('hn-prueba');
    expect(handbook?.release.number).toBe(2);
    expect(handbook?.providers.map((p) => p.id)).not.toContain('consulado-guatemala');
    expect(handbook?.providers.find((p) => p.id === 'caminos')?.phones[0]?.number).toBe('+50426533545');
  });

  it("installing one jurisdiction leaves another jurisdiction's handbook untouched", async () => {
    const db = freshDatabase();
    const neighbour = await release(1, otherJurisdiction);
    await installRelease(db, neighbour);
    await installRelease(db, await release(1));
    const dropped = ['consulado-guatemala', 'hospital-area'];
    await installRelease(
      db,
      await release(2, (h) => (h.providers = h.providers.filter((p) => !dropped.includes(p.id)))),
    );
    const store = new DexieHandbookStore(db);
    const kept = await store.handbook('gt-vecina');
    expect(kept?.providers).toHaveLength(4);
    expect(kept?.release.contentHash).toBe(neighbour.contentHash);
    expect((await store.handbook('hn-prueba'))?.providers).toHaveLength(2);
    expect((await store.jurisdictions()).map((j) => j.id).sort()).toEqual(['gt-vecina', 'hn-prueba']);
    expect((await store.releases()).map((r) => [r.jurisdictionId, r.number]).sort()).toEqual([
      ['gt-vecina', 1],
      ['hn-prueba', 2],
    ]);
  });

  it('is all or nothing: when a write fails midway, the previous handbook is intact', async () => {
    const db = freshDatabase();
    const first = await release(1);
    await installRelease(db, first);
    const store = new DexieHandbookStore(db);
    const before = await store.handbook('hn-prueba');

    const broken = await release(2, (h) => (h.jurisdiction.name = { es: 'Nombre nuevo', en: 'New name' }));
    // A record whose key cannot be indexed makes bulkPut fail after the old records were deleted.
    const providers = broken.handbook.providers;
    providers.splice(2, 0, {
      ...(providers[0] as (typeof providers)[number]),
      id: { not: 'a key' } as unknown as string,
    });
    await expect(installRelease(db, broken)).rejects.toThrow();

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
    await installRelease(db, await release(1));
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

  it('also round-trip in memory when the device database cannot be used', async () => {
    const store = new MemoryHandbookStore([await release(1)]);
    expect(await store.setting('lastJurisdictionId')).toBeUndefined();
    await store.saveSetting('lastJurisdictionId', 'hn-prueba');
    expect(await store.setting('lastJurisdictionId')).toBe('hn-prueba');
  });
});

describe('the in-memory store', () => {
  it('reads a release the same way the device database does', async () => {
    const first = await release(1);
    const memory = new MemoryHandbookStore([first], new Date('2026-11-24T08:00:00Z'));
    const db = freshDatabase();
    await installRelease(db, first, new Date('2026-11-24T08:00:00Z'));
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
    expect(await memory.jurisdictions()).toEqual([first.handbook.jurisdiction]);
  });
});

describe('the database schema', () => {
  it('opens at its declared version with every table', async () => {
    const db = freshDatabase();
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    expect(db.backendDB().version).toBe(Math.round(db.verno * 10));
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['checklists', 'jurisdictions', 'providers', 'releases', 'routes', 'settings'].sort(),
    );
    expect(db.providers.schema.primKey.keyPath).toEqual(['jurisdictionId', 'id']);
    expect(db.providers.schema.idxByName.jurisdictionId).toBeDefined();
  });

  it('a phone that holds a version-1 database keeps its handbook and settings after the app is updated', async () => {
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
    const shipped = await release(1);
    await installRelease(v1 as RutasDatabase, shipped, new Date('2026-01-01T00:00:00Z'));
    await v1.table('settings').put({ key: 'lastJurisdictionId', value: 'hn-prueba' });
    v1.close();

    const updated = freshDatabase(name);
    await updated.open();
    const store = new DexieHandbookStore(updated);
    const handbook = await store.handbook('hn-prueba');
    expect(handbook?.release).toMatchObject({ number: 1, contentHash: shipped.contentHash });
    expect(handbook?.providers).toHaveLength(4);
    expect(await store.setting('lastJurisdictionId')).toBe('hn-prueba');
  });
});
