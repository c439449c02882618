import Dexie, { type DBCore, type Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RutasDatabase } from '../../../src/app/db/database';
import { ReleaseIntegrityError } from '../../../src/app/handbook/bundled-releases';
import { DexieHandbookStore } from '../../../src/app/handbook/dexie-store';
import { MemoryHandbookStore } from '../../../src/app/handbook/memory-store';
import { openHandbookStore } from '../../../src/app/handbook/open-store';
import type { HandbookInput } from '../../../src/core/handbook/schema';
import { createRelease, RELEASE_FORMAT, type Release, type ReleaseIndex } from '../../../src/core/release/release';
import { sampleHandbook, sampleHandbookInput } from '../support/handbook-fixture';

// ----- The network boundary: the app's bundled handbooks, served by a stubbed fetch ----------

/** What the stubbed network serves: path → JSON body. */
let served: Map<string, unknown>;
let requested: string[];

beforeEach(() => {
  served = new Map();
  requested = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const path = String(input);
    requested.push(path);
    const body = served.get(path);
    return body === undefined ? new Response('not found', { status: 404 }) : Response.json(body);
  });
});

function publish(releases: { release: Release; file: string }[]) {
  const index: ReleaseIndex = {
    format: RELEASE_FORMAT,
    releases: releases.map(({ release, file }) => ({
      jurisdictionId: release.jurisdictionId,
      name: release.handbook.jurisdiction.name,
      country: release.handbook.jurisdiction.country,
      number: release.number,
      contentHash: release.contentHash,
      file,
    })),
  };
  served.set('/handbooks/index.json', index);
  for (const { release, file } of releases) served.set(`/${file}`, release);
}

async function release(number: number, edit: (h: HandbookInput) => void = () => undefined): Promise<Release> {
  const input = sampleHandbookInput();
  edit(input);
  return createRelease(sampleHandbook(input), number, new Date(`2026-0${number}-01T00:00:00Z`));
}

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

// ----- Tests ----------------------------------------------------------------------------------

describe('opening the handbook store at start-up', () => {
  it('the first time, installs the bundled handbook before the first screen', async () => {
    const first = await release(1);
    publish([{ release: first, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const opened = await openHandbookStore(database());
    expect(opened.problem).toBeUndefined();
    expect(opened.store).toBeInstanceOf(DexieHandbookStore);
    const handbook = await opened.store.handbook('hn-prueba');
    expect(handbook?.release).toMatchObject({ number: 1, contentHash: first.contentHash });
    expect(handbook?.providers).toHaveLength(4);
  });

  it('the next time, with the same bundled handbook, does not install it again', async () => {
    const name = `rutas-reopen-${counter++}`;
    publish([{ release: await release(1), file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const first = await openHandbookStore(database(name));
    const installedAt = (await first.store.releases())[0]?.installedAt;
    first.db?.close();

    requested = [];
    const second = await openHandbookStore(database(name));
    // The check runs in the background: wait until it has read the index, then let it finish.
    await vi.waitFor(() => expect(requested).toContain('/handbooks/index.json'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requested).toEqual(['/handbooks/index.json']);
    expect((await second.store.releases())[0]?.installedAt).toBe(installedAt);
  });

  it('the next time, with a newer bundled handbook, installs it in the background', async () => {
    const name = `rutas-update-${counter++}`;
    publish([{ release: await release(1), file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    (await openHandbookStore(database(name))).db?.close();

    const newer = await release(2, (h) => (h.providers = h.providers.filter((p) => p.id !== 'consulado-guatemala')));
    publish([{ release: newer, file: 'handbooks/hn-prueba.bbbbbbbbbbbbbbbb.json' }]);
    const opened = await openHandbookStore(database(name));
    await vi.waitFor(async () => expect((await opened.store.handbook('hn-prueba'))?.release.number).toBe(2));
    expect((await opened.store.handbook('hn-prueba'))?.providers).toHaveLength(3);
  });

  it('refuses a bundled handbook whose content does not match its hash, and installs nothing', async () => {
    const tampered = await release(1);
    const caminos = tampered.handbook.providers.find((p) => p.id === 'caminos');
    if (caminos?.phones[0]) caminos.phones[0].number = '+50499999999'; // a wrong number slipped in after hashing
    publish([{ release: tampered, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = database();
    const opened = await openHandbookStore(db);
    expect(warn.mock.calls[0]?.[1]).toBeInstanceOf(ReleaseIntegrityError);
    expect(await opened.store.handbook('hn-prueba')).toBeNull();
    expect(await db.releases.count()).toBe(0);
    expect(await db.providers.count()).toBe(0);
  });

  it('keeps the handbook it holds when a bundled update is tampered with', async () => {
    const name = `rutas-tamper-${counter++}`;
    const good = await release(1);
    publish([{ release: good, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    (await openHandbookStore(database(name))).db?.close();

    const tampered = await release(2);
    tampered.phoneDisplay['+50426533544'] = '9999-9999';
    publish([{ release: tampered, file: 'handbooks/hn-prueba.bbbbbbbbbbbbbbbb.json' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const opened = await openHandbookStore(database(name));
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(warn.mock.calls[0]?.[1]).toBeInstanceOf(ReleaseIntegrityError);
    const handbook = await opened.store.handbook('hn-prueba');
    expect(handbook?.release.contentHash).toBe(good.contentHash);
    expect(handbook?.release.phoneDisplay['+50426533544']).toBe('2653-3544');
  });

  it("one municipality's corrupted handbook does not keep the others off the phone", async () => {
    const corrupted = await release(1, (h) => {
      h.jurisdiction.id = 'gt-vecina';
    });
    corrupted.handbook.jurisdiction.localName = 'Alterado';
    const good = await release(1);
    publish([
      { release: corrupted, file: 'handbooks/gt-vecina.aaaaaaaaaaaaaaaa.json' },
      { release: good, file: 'handbooks/hn-prueba.bbbbbbbbbbbbbbbb.json' },
    ]);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const opened = await openHandbookStore(database());
    expect((await opened.store.handbook('hn-prueba'))?.release.contentHash).toBe(good.contentHash);
    expect(await opened.store.handbook('gt-vecina')).toBeNull();
  });

  it('without IndexedDB, the worker still reads the bundled handbook from memory, and is told nothing is saved', async () => {
    const first = await release(1);
    publish([{ release: first, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const opened = await openHandbookStore(databaseWithoutIndexedDB());
    expect(opened.problem).toBe('unavailable');
    expect(opened.store).toBeInstanceOf(MemoryHandbookStore);
    const handbook = await opened.store.handbook('hn-prueba');
    expect(handbook?.release.contentHash).toBe(first.contentHash);
    expect(handbook?.providers).toHaveLength(4);
    expect(handbook?.routes[0]?.stages[0]?.steps).toHaveLength(2);
  });

  it('when the phone is full, the worker still reads the bundled handbook, and is told why', async () => {
    const first = await release(1);
    publish([{ release: first, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const db = database();
    db.use(storageFull);
    const opened = await openHandbookStore(db);
    expect(opened.problem).toBe('quota');
    expect(opened.store).toBeInstanceOf(MemoryHandbookStore);
    expect((await opened.store.handbook('hn-prueba'))?.providers).toHaveLength(4);
  });

  it('in memory, a tampered bundled handbook is refused too', async () => {
    const tampered = await release(1);
    tampered.handbook.jurisdiction.emergencyNumbers = [];
    publish([{ release: tampered, file: 'handbooks/hn-prueba.aaaaaaaaaaaaaaaa.json' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const opened = await openHandbookStore(databaseWithoutIndexedDB());
    expect(warn.mock.calls.some(([, error]) => error instanceof ReleaseIntegrityError)).toBe(true);
    expect(await opened.store.handbook('hn-prueba')).toBeNull();
  });
});
