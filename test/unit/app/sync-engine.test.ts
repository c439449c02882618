import Dexie, { type DBCore, type Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RutasDatabase } from '../../../src/app/db/database';
import { DexieHandbookStore } from '../../../src/app/handbook/dexie-store';
import { connect } from '../../../src/app/sync/connection';
import { deviceId } from '../../../src/app/sync/device';
import { SyncEngine } from '../../../src/app/sync/engine';
import { normaliseEnrolmentCode, redeemEnrolmentCode } from '../../../src/app/sync/enrolment';
import { installSnapshot } from '../../../src/app/sync/install';
import { fetchReportOutcomes, flushOutbox, queueFieldReport } from '../../../src/app/sync/outbox';
import { forgetEnrolment, syncJurisdiction } from '../../../src/app/sync/sync-jurisdiction';
import type { HandbookInput } from '../../../src/core/handbook/schema';
import { handbookRecords } from '../../../src/core/release/publication';
import { handbookFromRecords } from '../../../src/core/release/records';
import { FIELD_REPORTS_PATH } from '../../../src/core/sync/protocol';
import { createEnrolmentCode } from '../../../src/server/enrolment/codes';
import { type FaultyProxy, startFaultyProxy } from '../../support/faulty-proxy';
import { sampleHandbook, sampleHandbookInput } from '../support/handbook-fixture';
import {
  anotherPublicKey,
  openReleaseStore,
  type ReleaseStore,
  type RunningServer,
  startRealServer,
} from './support/real-server';

const J = 'hn-prueba';
let store: ReleaseStore;
let server: RunningServer;
/** Between the device and the real server, for the tests that need a hostile network. */
let proxy: FaultyProxy;
let otherStores: ReleaseStore[] = [];
let databases: RutasDatabase[] = [];
let counter = 0;

function database(): RutasDatabase {
  const db = new RutasDatabase(`rutas-sync-${counter++}`);
  databases.push(db);
  return db;
}

const at = (iso: string) => () => new Date(iso);
function connection(now = '2026-11-24T08:00:00Z', origin = server.origin, publicKey = store.publicKey) {
  return connect({ origin, publicKey, now: at(now) });
}
/** The same device reaching the server through the hostile network. */
const viaProxy = (now: string) => connection(now, proxy.url);

function handbook(edit: (h: HandbookInput) => void = () => undefined) {
  const input = sampleHandbookInput();
  edit(input);
  return sampleHandbook(input);
}

/** Release 2 of the fixture: Caminos' phone changed, the consulate removed, a new provider added. */
const secondEdition = (h: HandbookInput) => {
  const caminos = h.providers.find((p) => p.id === 'caminos');
  if (caminos) caminos.phones = [{ number: '+50426533545', type: 'voice' }];
  h.providers = h.providers.filter((p) => p.id !== 'consulado-guatemala');
  h.providers.push({
    ...(h.providers.find((p) => p.id === 'hospital-area') as HandbookInput['providers'][number]),
    id: 'centro-salud',
    name: { es: 'Centro de Salud', en: 'Health Centre' },
  });
};

async function providersOnPhone(db: RutasDatabase, id = J) {
  const handbook = await new DexieHandbookStore(db).handbook(id);
  return handbook?.providers
    .map(({ jurisdictionId: _, ...p }: (typeof handbook.providers)[number] & { jurisdictionId?: string }) => p)
    .sort((a, b) => a.id.localeCompare(b.id));
}

const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);

beforeEach(async () => {
  store = await openReleaseStore();
  server = await startRealServer(store);
  proxy = await startFaultyProxy(server.origin);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await proxy.close();
  await server.close();
  await store.close();
  for (const other of otherStores) await other.close();
  otherStores = [];
  for (const db of databases) db.close();
  for (const name of new Set(databases.map((db) => db.name))) await Dexie.delete(name);
  databases = [];
});

describe('a device checking for a newer handbook', () => {
  it('the first time, installs the full signed release', async () => {
    await server.publish(handbook());
    const db = database();
    expect(await syncJurisdiction(db, J, connection())).toMatchObject({ status: 'updated', number: 1 });
    const expected = handbookFromRecords(handbookRecords(handbook(), 'public'));
    expect(await providersOnPhone(db)).toEqual(expected.providers);
    expect(paths()).toEqual([`GET /api/v1/jurisdictions/${J}/manifest`, `GET /api/v1/jurisdictions/${J}/releases/1`]);
    expect((await db.syncStates.get(J))?.whatChanged).toBeUndefined(); // a first install is not news
  });

  it('applies only the changes to the release it holds, giving exactly the new content and a "what changed" list', async () => {
    await server.publish(handbook());
    const db = database();
    await syncJurisdiction(db, J, connection());
    await server.publish(handbook(secondEdition));
    server.requests.length = 0;

    expect(await syncJurisdiction(db, J, connection('2026-11-25T08:00:00Z'))).toMatchObject({
      status: 'updated',
      number: 2,
      from: 1,
    });
    expect(paths()).toEqual([
      `GET /api/v1/jurisdictions/${J}/manifest`,
      `GET /api/v1/jurisdictions/${J}/releases/2/changes/1`,
    ]);
    const expected = handbookFromRecords(handbookRecords(handbook(secondEdition), 'public'));
    expect(await providersOnPhone(db)).toEqual(expected.providers);
    const state = await db.syncStates.get(J);
    expect(state?.whatChanged).toEqual({
      from: 1,
      to: 2,
      at: '2026-11-25T08:00:00.000Z',
      dismissed: false,
      changes: [
        expect.objectContaining({ key: 'provider/caminos', change: 'changed', fields: ['phones'] }),
        expect.objectContaining({
          key: 'provider/centro-salud',
          change: 'added',
          name: { es: 'Centro de Salud', en: 'Health Centre' },
        }),
        expect.objectContaining({ key: 'provider/consulado-guatemala', change: 'removed' }),
      ],
    });
    const held = await db.releases.get(J);
    expect(held).toMatchObject({
      number: 2,
      variant: 'public',
      stateHash: (await store.snapshot(J, 'public', 2)).release.header.stateHash,
    });
  });

  it('asks the next time with If-None-Match and, on 304, only notes when it checked', async () => {
    await server.publish(handbook());
    const db = database();
    await syncJurisdiction(db, J, connection());
    server.requests.length = 0;
    expect(await syncJurisdiction(db, J, connection('2026-11-26T10:00:00Z'))).toMatchObject({ status: 'up-to-date' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['if-none-match']).toBe((await db.syncStates.get(J))?.etag?.value);
    expect((await db.syncStates.get(J))?.lastCheckedAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('falls back to the full release when the changes do not start from what the device holds', async () => {
    // The device holds a release 1 this server never made (another store, signing with the same key).
    const other = await openReleaseStore(store);
    otherStores.push(other);
    await other.publish(handbook((h) => (h.jurisdiction.localName = 'Otra')));
    const db = database();
    await installSnapshot(db, await other.snapshot(J, 'public', 1), {
      jurisdictionId: J,
      variant: 'public',
      publicKey: store.publicKey,
    });
    await server.publish(handbook());
    await server.publish(handbook(secondEdition));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    expect(await syncJurisdiction(db, J, connection())).toMatchObject({ status: 'updated', number: 2 });
    expect(paths()).toEqual([
      `GET /api/v1/jurisdictions/${J}/manifest`,
      `GET /api/v1/jurisdictions/${J}/releases/2/changes/1`,
      `GET /api/v1/jurisdictions/${J}/releases/2`,
    ]);
    const expected = handbookFromRecords(handbookRecords(handbook(secondEdition), 'public'));
    expect(await providersOnPhone(db)).toEqual(expected.providers);
    expect((await db.jurisdictions.get(J))?.localName).toBe('Nueva Prueba');
  });

  it('without a connection, keeps everything and records no error', async () => {
    await server.publish(handbook());
    const db = database();
    await syncJurisdiction(db, J, connection());
    await server.close();
    expect(await syncJurisdiction(db, J, connection('2026-12-01T00:00:00Z'))).toEqual({
      jurisdictionId: J,
      status: 'unreachable',
    });
    const state = await db.syncStates.get(J);
    expect(state?.lastError).toBeUndefined();
    expect(state?.lastCheckedAt).toBe('2026-11-24T08:00:00.000Z');
  });
});

describe('a release that does not check out is refused, and the previous one stays whole', () => {
  async function deviceOnRelease1() {
    await server.publish(handbook());
    const db = database();
    await syncJurisdiction(db, J, connection());
    const before = await new DexieHandbookStore(db).handbook(J);
    await server.publish(handbook(secondEdition));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    return { db, before };
  }

  const releases = (path: string) => path.includes('/releases/');

  async function expectRelease1Kept(db: RutasDatabase, before: unknown, reason: string) {
    expect(await new DexieHandbookStore(db).handbook(J)).toEqual(before);
    expect((await db.syncStates.get(J))?.lastError).toEqual({
      reason,
      at: '2026-11-25T08:00:00.000Z',
      releaseNumber: 2,
    });
  }

  it('a record altered on the way (in the changes and in the full release)', async () => {
    const { db, before } = await deviceOnRelease1();
    proxy.setFault({ kind: 'rewrite', rewrite: (body) => body.replace('+50426533545', '+50499999999') }, releases);
    expect(await syncJurisdiction(db, J, viaProxy('2026-11-25T08:00:00Z'))).toMatchObject({
      status: 'refused',
      reason: 'state-hash',
    });
    expect(proxy.faulted).toEqual([
      `/api/v1/jurisdictions/${J}/releases/2/changes/1`,
      `/api/v1/jurisdictions/${J}/releases/2`,
    ]);
    await expectRelease1Kept(db, before, 'state-hash');
  });

  it('a release signed with a key other than the one the app pins', async () => {
    const { db, before } = await deviceOnRelease1();
    const pinned = await anotherPublicKey();
    expect(await syncJurisdiction(db, J, connection('2026-11-25T08:00:00Z', server.origin, pinned))).toMatchObject({
      status: 'refused',
      reason: 'signature',
    });
    await expectRelease1Kept(db, before, 'signature');
  });

  it('a truncated response', async () => {
    const { db, before } = await deviceOnRelease1();
    proxy.setFault({ kind: 'rewrite', rewrite: (body) => body.slice(0, body.length / 2) }, releases);
    expect(await syncJurisdiction(db, J, viaProxy('2026-11-25T08:00:00Z'))).toMatchObject({
      status: 'refused',
      reason: 'malformed',
    });
    await expectRelease1Kept(db, before, 'malformed');
  });

  it('a connection dropped half-way through the release: nothing installed, tried again later', async () => {
    const { db, before } = await deviceOnRelease1();
    proxy.setFault({ kind: 'cut', afterBytes: 300 }, releases);
    expect(await syncJurisdiction(db, J, viaProxy('2026-11-25T08:00:00Z'))).toMatchObject({ status: 'unreachable' });
    expect(proxy.faulted).not.toHaveLength(0);
    expect(await new DexieHandbookStore(db).handbook(J)).toEqual(before);
    expect((await db.syncStates.get(J))?.lastError).toBeUndefined();
    proxy.setFault({ kind: 'none' });
    expect(await syncJurisdiction(db, J, viaProxy('2026-11-25T09:00:00Z'))).toMatchObject({
      status: 'updated',
      number: 2,
    });
  });

  it('a write that fails half-way through the transaction', async () => {
    const { db, before } = await deviceOnRelease1();
    // Records are written first, the release row last: fail on the release row.
    const failingReleaseRow: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'failing-release-row',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return name !== 'releases'
            ? table
            : { ...table, mutate: () => Promise.reject(new Dexie.AbortError('disk failure')) };
        },
      }),
    };
    db.close();
    db.use(failingReleaseRow);
    await db.open();
    expect(await syncJurisdiction(db, J, connection('2026-11-25T08:00:00Z'))).toMatchObject({
      status: 'refused',
      reason: 'storage',
    });
    db.close();
    db.unuse({ stack: 'dbcore', name: 'failing-release-row' });
    await db.open();
    expect(await new DexieHandbookStore(db).handbook(J)).toEqual(before);
    expect((await providersOnPhone(db))?.map((p) => p.id)).toContain('consulado-guatemala');
    expect((await db.syncStates.get(J))?.lastError?.reason).toBe('storage');
  });

  it('the next good release clears the error', async () => {
    const { db } = await deviceOnRelease1();
    proxy.setFault({ kind: 'rewrite', rewrite: (body) => body.slice(0, 100) }, releases);
    expect(await syncJurisdiction(db, J, viaProxy('2026-11-25T08:00:00Z'))).toMatchObject({ status: 'refused' });
    proxy.setFault({ kind: 'none' });
    expect(await syncJurisdiction(db, J, viaProxy('2026-11-25T09:00:00Z'))).toMatchObject({
      status: 'updated',
      number: 2,
    });
    expect((await db.syncStates.get(J))?.lastError).toBeUndefined();
  });
});

describe('an enrolled device', () => {
  /** A one-time code as a coordinator's `rutas enrol` issues it. */
  const issueCode = async (options?: Parameters<typeof createEnrolmentCode>[2]) =>
    (await createEnrolmentCode(store.storage, J, options)).code;
  /** How a worker may type it: lowercase, with a dash and spaces. */
  const typedLoosely = (code: string) =>
    ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8).toLowerCase()} `;

  it('redeems a code typed loosely, receives the restricted providers, and loses them when revoked', async () => {
    await server.publish(handbook());
    const db = database();
    await syncJurisdiction(db, J, connection());
    expect((await providersOnPhone(db))?.map((p) => p.id)).not.toContain('casa-refugio-secreta');

    const enrolment = await redeemEnrolmentCode(db, typedLoosely(await issueCode()), connection());
    expect(enrolment.jurisdictionId).toBe(J);
    const enrolRequest = server.requests.find((r) => r.path === '/api/v1/enrolments');
    expect(enrolRequest).toBeDefined();

    expect(await syncJurisdiction(db, J, connection())).toMatchObject({ status: 'updated', number: 1 });
    expect((await providersOnPhone(db))?.map((p) => p.id)).toContain('casa-refugio-secreta');
    expect((await db.releases.get(J))?.variant).toBe('enrolled');
    const enrolledManifest = server.requests.filter((r) => r.path.endsWith('/enrolled/manifest')).at(-1);
    expect(enrolledManifest?.headers.authorization).toBe(`Bearer ${enrolment.deviceToken}`);

    expect(await store.storage.revokeDevice(await deviceId(db), new Date().toISOString(), J)).toBe(true);
    expect(await syncJurisdiction(db, J, connection('2026-11-30T00:00:00Z'))).toMatchObject({ status: 'updated' });
    expect(await db.enrolments.get(J)).toBeUndefined();
    expect((await providersOnPhone(db))?.map((p) => p.id)).not.toContain('casa-refugio-secreta');
    expect(JSON.stringify(await db.providers.toArray())).not.toContain('+50433572814');
    const state = await db.syncStates.get(J);
    expect(state?.whatChanged?.cause).toBe('revoked');
    // Nothing of the safe house stays on the phone, not even its name in the list of changes.
    expect(JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray())))).not.toMatch(
      /casa-refugio-secreta|Casa Refugio Escondida|Hidden Safe House/,
    );
  });

  it('leaving forgets the token and the next sync puts the public handbook back', async () => {
    await server.publish(handbook());
    const db = database();
    await redeemEnrolmentCode(db, await issueCode(), connection());
    await syncJurisdiction(db, J, connection());
    await forgetEnrolment(db, J);
    await syncJurisdiction(db, J, connection());
    expect((await db.releases.get(J))?.variant).toBe('public');
    expect((await providersOnPhone(db))?.map((p) => p.id)).not.toContain('casa-refugio-secreta');
  });

  it('a code the server does not know is refused with a reason', async () => {
    await server.publish(handbook());
    const db = database();
    await expect(redeemEnrolmentCode(db, 'ZZZZ-ZZZZ-ZZZZ', connection())).rejects.toMatchObject({ failure: 'unknown' });
    await expect(redeemEnrolmentCode(db, 'short', connection())).rejects.toMatchObject({ failure: 'invalid' });
    expect(server.requests.filter((r) => r.path === '/api/v1/enrolments')).toHaveLength(1); // "short" never left the phone
    expect(await db.enrolments.count()).toBe(0);
  });

  it('after too many codes that do not exist from this connection, says to wait, and enrols nothing', async () => {
    await server.publish(handbook());
    const db = database();
    for (let n = 0; n < 20; n++) {
      await expect(redeemEnrolmentCode(db, 'ZZZZ-ZZZZ-ZZZZ', connection())).rejects.toMatchObject({
        failure: 'unknown',
      });
    }
    const code = await issueCode();
    await expect(redeemEnrolmentCode(db, code, connection())).rejects.toMatchObject({ failure: 'throttled' });
    expect(await db.enrolments.count()).toBe(0);
  });

  it('a code already used on another phone, or expired, is refused as such', async () => {
    await server.publish(handbook());
    const code = await issueCode();
    await redeemEnrolmentCode(database(), code, connection());
    const db = database();
    await expect(redeemEnrolmentCode(db, code, connection())).rejects.toMatchObject({ failure: 'used' });
    const expired = await issueCode({ now: new Date(Date.now() - 2 * 3_600_000), validForHours: 1 });
    await expect(redeemEnrolmentCode(db, expired, connection())).rejects.toMatchObject({ failure: 'expired' });
    expect(await db.enrolments.count()).toBe(0);
  });

  it('without a connection, says so and enrols nothing', async () => {
    const db = database();
    const offline = connect({ origin: 'http://127.0.0.1:9', publicKey: store.publicKey });
    await expect(redeemEnrolmentCode(db, 'ABCD-2345-EFGH', offline)).rejects.toMatchObject({ failure: 'offline' });
    expect(await db.enrolments.count()).toBe(0);
  });

  it('codes are accepted in lowercase, with spaces and dashes, never with ambiguous letters', () => {
    expect(normaliseEnrolmentCode('abcd-2345-efgh')).toBe('ABCD2345EFGH');
    expect(normaliseEnrolmentCode('  ABCD 2345 EFGH ')).toBe('ABCD2345EFGH');
    expect(normaliseEnrolmentCode('ABCD2345EFG')).toBeUndefined();
    expect(normaliseEnrolmentCode('ABCD2345EFG0')).toBeUndefined(); // 0 and O are not in the alphabet
    expect(normaliseEnrolmentCode('')).toBeUndefined();
  });
});

describe('field reports', () => {
  const draft = {
    jurisdictionId: J,
    providerId: 'caminos',
    releaseNumber: 1,
    problem: 'no-answer' as const,
    details: '',
  };

  // The server takes reports only about jurisdictions it publishes.
  beforeEach(() => server.publish(handbook()));

  /** The reports the server stored, as the device sent them. */
  async function reportsOnServer() {
    return (await store.storage.fieldReports(J)).map(({ receivedAt: _, outcome: __, ...report }) => report);
  }

  it('wait in the outbox offline and are delivered once when the server is reachable', async () => {
    const db = database();
    const entry = await queueFieldReport(db, draft, new Date('2026-11-24T08:00:00Z'));
    expect(entry.report.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    const offline = connect({ origin: 'http://127.0.0.1:9', publicKey: store.publicKey });
    expect(await flushOutbox(db, offline)).toEqual({ sent: 0, refused: 0, waiting: 1 });
    expect(await db.outbox.count()).toBe(1);

    expect(await flushOutbox(db, connection())).toEqual({ sent: 1, refused: 0, waiting: 0 });
    expect((await db.outbox.get(entry.id))?.sentAt).toBe('2026-11-24T08:00:00.000Z');
    expect(await reportsOnServer()).toEqual([entry.report]);
    server.requests.length = 0;
    expect(await flushOutbox(db, connection())).toEqual({ sent: 0, refused: 0, waiting: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('a report the server already has (200) is marked sent, not duplicated', async () => {
    const db = database();
    const entry = await queueFieldReport(db, draft);
    await flushOutbox(db, connection());
    await db.outbox.put(entry); // the phone sent it but did not hear the answer
    expect(await flushOutbox(db, connection())).toEqual({ sent: 1, refused: 0, waiting: 0 });
    expect((await db.outbox.get(entry.id))?.sentAt).toBeDefined();
    expect(await reportsOnServer()).toEqual([entry.report]);
  });

  it("the coordinators' decision reaches the phone at a later sync, and a decided report is forgotten after 30 days", async () => {
    const db = database();
    const resolved = await queueFieldReport(db, draft);
    const open = await queueFieldReport(db, { ...draft, problem: 'moved' });
    await flushOutbox(db, connection());
    expect(await fetchReportOutcomes(db, connection())).toBe(0);
    await store.storage.decideFieldReport(resolved.report.id, {
      status: 'resolved',
      note: 'Called them: new number',
      decidedAt: '2026-11-25T09:00:00.000Z',
      decidedBy: null,
    });
    const offline = connect({ origin: 'http://127.0.0.1:9', publicKey: store.publicKey });
    expect(await fetchReportOutcomes(db, offline)).toBe(0);
    expect(await fetchReportOutcomes(db, connection('2026-11-26T08:00:00Z'))).toBe(1);
    expect((await db.outbox.get(resolved.id))?.outcome).toEqual({
      status: 'resolved',
      decidedAt: '2026-11-25T09:00:00.000Z',
    });
    expect((await db.outbox.get(open.id))?.outcome).toBeUndefined();
    await fetchReportOutcomes(db, connection('2026-12-26T08:00:00Z'));
    expect(await db.outbox.get(resolved.id)).toBeUndefined();
    expect(await db.outbox.get(open.id)).toBeDefined();
  });

  it('a report the server refuses (409) is kept with the status and not sent again', async () => {
    const db = database();
    const entry = await queueFieldReport(db, draft);
    await store.storage.saveFieldReport({ ...entry.report, details: 'something else' }, new Date().toISOString());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await flushOutbox(db, connection())).toEqual({ sent: 0, refused: 1, waiting: 0 });
    expect((await db.outbox.get(entry.id))?.lastError).toMatchObject({ status: 409 });
    expect(String(warn.mock.calls[0])).toContain('different content'); // the server's words, for whoever debugs
    server.requests.length = 0;
    await flushOutbox(db, connection());
    expect(server.requests).toHaveLength(0);
  });

  it('a report the server finds invalid (400, e.g. queued by an older app) is kept, not resent', async () => {
    const db = database();
    const entry = await queueFieldReport(db, draft);
    await db.outbox.put({ ...entry, report: { ...entry.report, details: 'x'.repeat(1001) } });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await flushOutbox(db, connection())).toEqual({ sent: 0, refused: 1, waiting: 0 });
    expect((await db.outbox.get(entry.id))?.lastError).toMatchObject({ status: 400 });
    expect(await reportsOnServer()).toEqual([]);
  });

  it('a server error (5xx: its database is down) keeps the report for later', async () => {
    const db = database();
    const entry = await queueFieldReport(db, draft);
    await store.storage.close();
    expect(await flushOutbox(db, connection())).toEqual({ sent: 0, refused: 0, waiting: 1 });
    expect((await db.outbox.toArray())[0]?.lastError).toBeUndefined();
    // What the phone was answered:
    const answer = await fetch(new URL(FIELD_REPORTS_PATH, server.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(entry.report),
    });
    expect(answer.status).toBe(500);
  });

  it('"other" needs a description, and a description is at most 1000 characters', async () => {
    const db = database();
    await expect(queueFieldReport(db, { ...draft, problem: 'other' })).rejects.toThrow(/Describe the problem/);
    await expect(queueFieldReport(db, { ...draft, details: 'x'.repeat(1001) })).rejects.toThrow();
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('the sync engine', () => {
  it('never runs twice at once: a check asked for during a run joins it', async () => {
    await server.publish(handbook());
    const db = database();
    await syncJurisdiction(db, J, connection());
    server.requests.length = 0;
    const engine = new SyncEngine(db, { origin: server.origin, publicKey: store.publicKey });
    const [a, b] = await Promise.all([engine.syncNow(), engine.syncNow()]);
    expect(a).toBe(b);
    expect(server.requests.filter((r) => r.path.endsWith('/manifest'))).toHaveLength(1);
  });

  it('checks every jurisdiction on the phone, then delivers the outbox', async () => {
    await server.publish(handbook());
    await server.publish(handbook((h) => (h.jurisdiction.id = 'gt-vecina')));
    const db = database();
    await syncJurisdiction(db, J, connection());
    await syncJurisdiction(db, 'gt-vecina', connection());
    await queueFieldReport(db, {
      jurisdictionId: J,
      providerId: 'caminos',
      releaseNumber: 1,
      problem: 'moved',
      details: '',
    });
    await server.publish(handbook(secondEdition));
    const engine = new SyncEngine(db, { origin: server.origin, publicKey: store.publicKey });
    const run = await engine.syncNow();
    expect(run.outcomes.map((o) => [o.jurisdictionId, o.status])).toEqual([
      ['gt-vecina', 'up-to-date'],
      [J, 'updated'],
    ]);
    expect(run.outbox.sent).toBe(1);
    expect(engine.status()).toMatchObject({ running: false, outcomes: { [J]: { status: 'updated' } } });
  });

  it('runs when the phone comes back online and when the app is shown again', async () => {
    await server.publish(handbook());
    const db = database();
    await syncJurisdiction(db, J, connection());
    const engine = new SyncEngine(db, { origin: server.origin, publicKey: store.publicKey });
    const run = vi.spyOn(engine, 'syncNow');
    const target = new EventTarget() as unknown as Window;
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    Object.assign(target, { document, setInterval, clearInterval });
    const stop = engine.start(target, 60_000);
    expect(run).toHaveBeenCalledTimes(1);
    target.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(run).toHaveBeenCalledTimes(3);
    stop();
    target.dispatchEvent(new Event('online'));
    expect(run).toHaveBeenCalledTimes(3);
    await engine.syncNow();
  });

  it('paused for the reload into a new app version, finishes the check under way and sends nothing more', async () => {
    await server.publish(handbook());
    await server.publish(handbook((h) => (h.jurisdiction.id = 'gt-vecina')));
    const db = database();
    await syncJurisdiction(db, J, connection());
    await syncJurisdiction(db, 'gt-vecina', connection());
    server.requests.length = 0;
    const engine = new SyncEngine(db, { origin: server.origin, publicKey: store.publicKey });
    const underWay = engine.syncNow();
    await engine.pause();
    const run = await underWay;
    expect(run.outcomes.map((o) => o.status)).toEqual(['up-to-date', 'up-to-date']);
    const sent = server.requests.length;
    await expect(engine.syncNow()).rejects.toThrow(/paused/);
    await expect(engine.flushOutbox()).rejects.toThrow(/paused/);
    const target = new EventTarget() as unknown as Window;
    Object.assign(target, { document: new EventTarget(), setInterval, clearInterval });
    const stop = engine.start(target, 60_000);
    target.dispatchEvent(new Event('online'));
    stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(sent);
  });
});
