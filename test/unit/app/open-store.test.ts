import Dexie, { type DBCore, type Middleware } from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { RutasDatabase } from '../../../src/app/db/database';
import { DexieHandbookStore } from '../../../src/app/handbook/dexie-store';
import { MemoryHandbookStore } from '../../../src/app/handbook/memory-store';
import { openHandbookStore } from '../../../src/app/handbook/open-store';
import type { HandbookInput } from '../../../src/core/handbook/schema';
import type { BundledReleaseIndex } from '../../../src/core/release/release';
import type { ReleaseSnapshot } from '../../../src/core/sync/protocol';
import { ReleaseRejectedError } from '../../../src/core/sync/verify';
import { sampleHandbook, sampleHandbookInput } from '../support/handbook-fixture';
import { anotherPublicKey, openReleaseStore, publishedSnapshots, type ReleaseStore } from './support/real-server';

// ----- The network boundary: the app's bundled handbooks, served by a stubbed fetch ----------

/** What the stubbed network serves: path → JSON body (a string is served as is). */
let served: Map<string, unknown>;
let requested: string[];
/** The server's store, whose key signs every release here (and the app pins). */
let signer: ReleaseStore;

beforeAll(async () => {
  signer = await openReleaseStore();
});
afterAll(() => signer.close());

beforeEach(() => {
  served = new Map();
  requested = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const path = String(input);
    requested.push(path);
    const body = served.get(path);
    if (body === undefined) return new Response('not found', { status: 404 });
    return typeof body === 'string' ? new Response(body) : Response.json(body);
  });
});

function bundle(snapshots: { snapshot: ReleaseSnapshot | string; file: string; id?: string; number?: number }[]) {
  const index: BundledReleaseIndex = {
    format: 'rutas-bundle/1',
    publicKey: signer.publicKey,
    releases: snapshots.map(({ snapshot, file, id, number }) => {
      const header = typeof snapshot === 'string' ? undefined : snapshot.release.header;
      return {
        jurisdictionId: id ?? header?.jurisdictionId ?? 'hn-prueba',
        name: { es: 'Prueba', en: 'Test' },
        country: 'HN',
        number: number ?? header?.number ?? 1,
        stateHash: header?.stateHash ?? '0'.repeat(64),
        file,
      };
    }),
  };
  served.set('/handbooks/index.json', index);
  for (const { snapshot, file } of snapshots) served.set(`/${file}`, snapshot);
}

/** Successive signed public releases of the fixture jurisdiction. */
async function releases(...editions: ((h: HandbookInput) => void)[]): Promise<ReleaseSnapshot[]> {
  const handbooks = editions.map((edit) => {
    const input = sampleHandbookInput();
    edit(input);
    return sampleHandbook(input);
  });
  return publishedSnapshots(signer, handbooks);
}
const same = () => undefined;

// ----- Databases ----------------------------------------------------------------------------

let databases: RutasDatabase[] = [];
let counter = 0;
function database(name = `rutas-open-${counter++}`): RutasDatabase {
  const db = new RutasDatabase(name);
  databases.push(db);
  return db;
}
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const db of databases) db.close();
  for (const name of new Set(databases.map((db) => db.name))) await Dexie.delete(name);
  databases = [];
});

const open = (db: RutasDatabase) => openHandbookStore(db, signer.publicKey);

/** A device database whose browser has no IndexedDB at all (some private modes, old WebViews). */
function databaseWithoutIndexedDB(): RutasDatabase {
  const saved = { ...Dexie.dependencies };
  Dexie.dependencies.indexedDB = undefined as unknown as IDBFactory;
  Dexie.dependencies.IDBKeyRange = undefined as unknown as typeof IDBKeyRange;
  try {
    return new RutasDatabase(`rutas-missing-${counter++}`);
  } finally {
    Object.assign(Dexie.dependencies, saved);
  }
}

/** Every write to the database fails the way a full phone makes it fail. */
const storageFull: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'storage-full',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      return {
        ...table,
        mutate: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
      };
    },
  }),
};

const refusals = (warn: { mock: { calls: unknown[][] } }) =>
  warn.mock.calls.map(([, error]) => (error instanceof ReleaseRejectedError ? error.reason : String(error)));

/**
 * A device that installed release 1 from the app, now updated to bundle release 2 (one
 * provider fewer); answers the name of its database.
 */
async function holdingReleaseOneWithTwoBundled(): Promise<string> {
  const name = `rutas-update-${counter++}`;
  const [first, newer] = await releases(
    same,
    (h) => (h.providers = h.providers.filter((p) => p.id !== 'consulado-guatemala')),
  );
  bundle([{ snapshot: first as ReleaseSnapshot, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
  (await open(database(name))).db?.close();
  bundle([{ snapshot: newer as ReleaseSnapshot, file: 'handbooks/hn-prueba.bbbbbbbbbbbbbbbb.json' }]);
  return name;
}

// ----- Tests ----------------------------------------------------------------------------------

describe('opening the handbook store at start-up', () => {
  it('the first time, installs the bundled signed handbook before the first screen', async () => {
    const [first] = await releases(same);
    bundle([{ snapshot: first as ReleaseSnapshot, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const opened = await open(database());
    expect(opened.problem).toBeUndefined();
    expect(opened.store).toBeInstanceOf(DexieHandbookStore);
    const handbook = await opened.store.handbook('hn-prueba');
    expect(handbook?.release).toMatchObject({
      number: 1,
      variant: 'public',
      stateHash: first?.release.header.stateHash,
    });
    expect(handbook?.providers).toHaveLength(4);
    await expect(opened.bundledInstalled).resolves.toBeUndefined();
  });

  it('the next time, with the same bundled handbook, does not install it again', async () => {
    const name = `rutas-reopen-${counter++}`;
    const [first] = await releases(same);
    bundle([{ snapshot: first as ReleaseSnapshot, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const firstOpen = await open(database(name));
    const installedAt = (await firstOpen.store.releases())[0]?.installedAt;
    firstOpen.db?.close();

    requested = [];
    const second = await open(database(name));
    await second.bundledInstalled;
    expect(requested).toEqual(['/handbooks/index.json']);
    expect((await second.store.releases())[0]?.installedAt).toBe(installedAt);
  });

  it('the next time, with a newer bundled handbook, installs it in the background', async () => {
    const name = await holdingReleaseOneWithTwoBundled();
    const opened = await open(database(name));
    await opened.bundledInstalled;
    expect((await opened.store.handbook('hn-prueba'))?.release.number).toBe(2);
    expect((await opened.store.handbook('hn-prueba'))?.providers).toHaveLength(3);
  });

  it('the newer bundled handbook waits for the first screen: nothing of it is fetched before', async () => {
    const name = await holdingReleaseOneWithTwoBundled();
    requested = [];
    let showFirstScreen = () => {};
    const firstScreen = new Promise<void>((resolve) => (showFirstScreen = resolve));
    const opened = await openHandbookStore(database(name), signer.publicKey, firstScreen);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requested).toEqual([]);
    expect((await opened.store.handbook('hn-prueba'))?.release.number).toBe(1);

    showFirstScreen();
    await opened.bundledInstalled;
    expect(requested).toContain('/handbooks/index.json');
    expect((await opened.store.handbook('hn-prueba'))?.release.number).toBe(2);
  });

  it('refuses a bundled handbook whose content does not match its signed state, and installs nothing', async () => {
    const [first] = await releases(same);
    const tampered = structuredClone(first as ReleaseSnapshot);
    const caminos = tampered.records.find((r) => r.key === 'provider/caminos')?.body as {
      phones: { number: string }[];
    };
    if (caminos.phones[0]) caminos.phones[0].number = '+50499999999'; // a wrong number slipped in after signing
    bundle([{ snapshot: tampered, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = database();
    const opened = await open(db);
    expect(refusals(warn)).toEqual(['state-hash']);
    expect(await opened.store.handbook('hn-prueba')).toBeNull();
    expect(await db.releases.count()).toBe(0);
    expect(await db.providers.count()).toBe(0);
  });

  it('refuses a bundled handbook signed with a key other than the pinned one', async () => {
    const [first] = await releases(same);
    bundle([{ snapshot: first as ReleaseSnapshot, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const opened = await openHandbookStore(database(), await anotherPublicKey());
    expect(refusals(warn)).toEqual(['signature']);
    expect(await opened.store.handbook('hn-prueba')).toBeNull();
  });

  it('keeps the handbook it holds when a bundled update is tampered with or truncated', async () => {
    const name = `rutas-tamper-${counter++}`;
    const [good, second] = await releases(same, (h) => (h.jurisdiction.localName = 'Nueva'));
    bundle([{ snapshot: good as ReleaseSnapshot, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    (await open(database(name))).db?.close();

    const tampered = structuredClone(second as ReleaseSnapshot);
    const caminos = tampered.records.find((r) => r.key === 'provider/caminos')?.body as {
      phoneDisplay: Record<string, string>;
    };
    caminos.phoneDisplay['+50426533544'] = '9999-9999';
    bundle([{ snapshot: tampered, file: 'handbooks/hn-prueba.bbbbbbbbbbbbbbbb.json' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const opened = await open(database(name));
    await opened.bundledInstalled;

    const text = JSON.stringify(second);
    bundle([
      { snapshot: text.slice(0, text.length - 10), file: 'handbooks/hn-prueba.cccccccccccccccc.json', number: 2 },
    ]);
    opened.db?.close();
    const again = await open(database(name));
    await again.bundledInstalled;

    expect(refusals(warn)).toEqual(['state-hash', 'malformed']);
    const handbook = await again.store.handbook('hn-prueba');
    expect(handbook?.release.stateHash).toBe(good?.release.header.stateHash);
    expect(handbook?.providers.find((p) => p.id === 'caminos')?.phoneDisplay['+50426533544']).toBe('2653-3544');
  });

  it('never replaces an enrolled handbook with the bundled public one', async () => {
    const name = `rutas-enrolled-${counter++}`;
    const published = await openReleaseStore(signer);
    onTestFinished(() => published.close());
    await published.publish(sampleHandbook());
    await published.publish(
      sampleHandbook(
        (() => {
          const h = sampleHandbookInput();
          h.jurisdiction.localName = 'Nueva';
          return h;
        })(),
      ),
    );
    const db = database(name);
    await db.open();
    const { installSnapshot } = await import('../../../src/app/sync/install');
    await installSnapshot(db, await published.snapshot('hn-prueba', 'enrolled', 1), {
      jurisdictionId: 'hn-prueba',
      variant: 'enrolled',
      publicKey: signer.publicKey,
    });
    db.close();
    bundle([
      {
        snapshot: await published.snapshot('hn-prueba', 'public', 2),
        file: 'handbooks/hn-prueba.dddddddddddddddd.json',
      },
    ]);
    const opened = await open(database(name));
    await opened.bundledInstalled;
    const handbook = await opened.store.handbook('hn-prueba');
    expect(handbook?.release).toMatchObject({ number: 1, variant: 'enrolled' });
    expect(handbook?.providers.map((p) => p.id)).toContain('casa-refugio-secreta');
  });

  it("one municipality's corrupted handbook does not keep the others off the phone", async () => {
    const [good] = await releases(same);
    const corrupted = structuredClone(good as ReleaseSnapshot);
    (corrupted.records.find((r) => r.key === 'jurisdiction')?.body as { localName: string }).localName = 'Alterado';
    corrupted.release.header.jurisdictionId = 'gt-vecina';
    bundle([
      { snapshot: corrupted, file: 'handbooks/gt-vecina.aaaaaaaaaaaaaaaa.json', id: 'gt-vecina' },
      { snapshot: good as ReleaseSnapshot, file: 'handbooks/hn-prueba.bbbbbbbbbbbbbbbb.json' },
    ]);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const opened = await open(database());
    expect((await opened.store.handbook('hn-prueba'))?.release.stateHash).toBe(good?.release.header.stateHash);
    expect(await opened.store.handbook('gt-vecina')).toBeNull();
  });

  it('without IndexedDB, the worker still reads the bundled handbook from memory, and is told nothing is saved', async () => {
    const [first] = await releases(same);
    bundle([{ snapshot: first as ReleaseSnapshot, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const opened = await open(databaseWithoutIndexedDB());
    expect(opened.problem).toBe('unavailable');
    expect(opened.store).toBeInstanceOf(MemoryHandbookStore);
    const handbook = await opened.store.handbook('hn-prueba');
    expect(handbook?.release.stateHash).toBe(first?.release.header.stateHash);
    expect(handbook?.providers).toHaveLength(4);
    expect(handbook?.routes[0]?.stages[0]?.steps).toHaveLength(2);
  });

  it('when the phone is full, the worker still reads the bundled handbook, and is told why', async () => {
    const [first] = await releases(same);
    bundle([{ snapshot: first as ReleaseSnapshot, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const db = database();
    db.use(storageFull);
    const opened = await open(db);
    expect(opened.problem).toBe('quota');
    expect(opened.store).toBeInstanceOf(MemoryHandbookStore);
    expect((await opened.store.handbook('hn-prueba'))?.providers).toHaveLength(4);
  });

  it('in memory, a tampered bundled handbook is refused too', async () => {
    const [first] = await releases(same);
    const tampered = structuredClone(first as ReleaseSnapshot);
    (tampered.records.find((r) => r.key === 'jurisdiction')?.body as { localName: string }).localName = 'Alterado';
    bundle([{ snapshot: tampered, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const opened = await open(databaseWithoutIndexedDB());
    expect(refusals(warn)).toContain('state-hash');
    expect(await opened.store.handbook('hn-prueba')).toBeNull();
  });
});
