import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JurisdictionRecord } from '../../../src/app/db/database';
import { RutasDatabase } from '../../../src/app/db/database';
import {
  aggregatesSwitch,
  countReferral,
  flushAggregates,
  learnAggregatesSwitch,
} from '../../../src/app/sync/aggregates';
import { connect } from '../../../src/app/sync/connection';
import { SyncEngine } from '../../../src/app/sync/engine';
import { syncJurisdiction } from '../../../src/app/sync/sync-jurisdiction';
import {
  AggregateBatchSchema,
  aggregatesPath,
  oldestAcceptedWeek,
  weekStatus,
} from '../../../src/core/aggregates/protocol';
import { isoWeekOf } from '../../../src/core/aggregates/week';
import { ROUTE_STAGE_KINDS } from '../../../src/core/handbook/taxonomy';
import type { RouteStageKind } from '../../../src/core/route-engine/types';
import { AddressThrottle, type AddressThrottles, addressThrottles } from '../../../src/server/address-throttle';
import { sampleHandbook } from '../support/handbook-fixture';
import { openReleaseStore, type ReleaseStore, type RunningServer, startRealServer } from './support/real-server';

const J = 'hn-prueba';
/** Tuesday 24 November 2026, 06:00 in Tegucigalpa: week 2026-W48 there, and 2026-W47 is the last one over. */
const NOW = new Date('2026-11-24T12:00:00Z');
const LAST_WEEK = new Date('2026-11-18T15:00:00Z');

let store: ReleaseStore;
let servers: RunningServer[] = [];
let databases: RutasDatabase[] = [];
let counter = 0;

function database(): RutasDatabase {
  const db = new RutasDatabase(`rutas-aggregates-${counter++}`);
  databases.push(db);
  return db;
}

/** The real server over the shared store, collecting aggregates or not, its clock at NOW. */
async function server(aggregates: boolean, throttles?: AddressThrottles): Promise<RunningServer> {
  const running = await startRealServer(store, { aggregates, now: () => NOW, ...(throttles && { throttles }) });
  servers.push(running);
  return running;
}

const connection = (origin: string, fetch?: typeof globalThis.fetch) =>
  connect({ origin, publicKey: store.publicKey, now: () => NOW, ...(fetch && { fetch }) });

const referral = (stageKind: RouteStageKind, at = NOW) => ({ jurisdictionId: J, stageKind, at });

const posts = (running: RunningServer) =>
  running.requests.filter((request) => request.method === 'POST' && request.path === aggregatesPath(J));

/** A device that has the handbook and has heard from `running` whether it collects counts. */
async function deviceOf(running: RunningServer): Promise<RutasDatabase> {
  const db = database();
  await syncJurisdiction(db, J, connection(running.origin));
  return db;
}

beforeEach(async () => {
  store = await openReleaseStore();
  await store.publish(sampleHandbook());
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const running of servers) await running.close();
  servers = [];
  await store.close();
  for (const db of databases) db.close();
  for (const name of new Set(databases.map((db) => db.name))) await Dexie.delete(name);
  databases = [];
});

describe('counting a referral on the device', () => {
  it('counts nothing and stores nothing before the server has said it collects counts', async () => {
    const db = database();
    expect(await aggregatesSwitch(db, J)).toBeUndefined();
    expect(await countReferral(db, referral('referral'))).toBe(false);
    expect(await db.aggregateCounts.count()).toBe(0);
  });

  it('counts nothing where the deployment has not turned aggregates on', async () => {
    const db = await deviceOf(await server(false));
    expect(await aggregatesSwitch(db, J)).toBe('off');
    expect(await countReferral(db, referral('referral'))).toBe(false);
    expect(await db.aggregateCounts.count()).toBe(0);
  });

  it("where it is on, counts by jurisdiction, stage and week on the jurisdiction's clock", async () => {
    const db = await deviceOf(await server(true));
    expect(await aggregatesSwitch(db, J)).toBe('on');
    expect(await countReferral(db, referral('referral'))).toBe(true);
    expect(await countReferral(db, referral('referral'))).toBe(true);
    // Sunday 22 November, 21:00 in Tegucigalpa: still week 47 there, though already week 48 in UTC.
    expect(await countReferral(db, referral('identification', new Date('2026-11-23T03:00:00Z')))).toBe(true);
    expect(await db.aggregateCounts.toArray()).toEqual([
      { jurisdictionId: J, week: '2026-W47', stageKind: 'identification', count: 1 },
      { jurisdictionId: J, week: '2026-W48', stageKind: 'referral', count: 2 },
    ]);
  });

  it('keeps nothing of a referral but its jurisdiction, stage and week, and ignores what is not a count', async () => {
    const db = await deviceOf(await server(true));
    const fullReferral = { ...referral('protection'), caseCode: 'K7P-2QM', notes: 'Ana, 15', deviceId: 'x' };
    expect(await countReferral(db, fullReferral)).toBe(true);
    expect(await countReferral(db, { ...referral('protection'), stageKind: 'gossip' as RouteStageKind })).toBe(false);
    expect(await countReferral(db, { ...referral('protection'), at: new Date(Number.NaN) })).toBe(false);
    expect(await db.aggregateCounts.toArray()).toEqual([
      { jurisdictionId: J, week: '2026-W48', stageKind: 'protection', count: 1 },
    ]);
  });
});

describe('sending the counts', () => {
  it('sends only the weeks that are over, as one anonymous batch per week, and deletes them once taken', async () => {
    const running = await server(true);
    const db = await deviceOf(running);
    for (const stage of ['referral', 'referral', 'identification'] as const) {
      await countReferral(db, referral(stage, LAST_WEEK));
    }
    await countReferral(db, referral('referral'));

    expect(await flushAggregates(db, connection(running.origin))).toEqual({ sent: 1, waiting: 0, dropped: 0 });
    expect(await store.storage.aggregateCounts(J)).toEqual([
      { week: '2026-W47', counts: { identification: 1, referral: 2 } },
    ]);
    const [sent, ...more] = posts(running);
    expect(more).toEqual([]);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.headers.cookie).toBeUndefined();
    // The current week keeps counting on the phone; nothing sealed is left.
    expect(await db.aggregateCounts.toArray()).toEqual([
      { jurisdictionId: J, week: '2026-W48', stageKind: 'referral', count: 1 },
    ]);
    expect(await db.settings.where('key').startsWith('aggregates-batch/').count()).toBe(0);

    expect(await flushAggregates(db, connection(running.origin))).toEqual({ sent: 0, waiting: 0, dropped: 0 });
    expect(posts(running)).toHaveLength(1);
  });

  it('keeps a batch when the answer is lost, and sends the same batch again, which the server takes once', async () => {
    const running = await server(true);
    const db = await deviceOf(running);
    await countReferral(db, referral('referral', LAST_WEEK));
    const answerLost: typeof fetch = async (input, init) => {
      await fetch(input, init);
      throw new TypeError('Failed to fetch');
    };
    expect(await flushAggregates(db, connection(running.origin, answerLost))).toEqual({
      sent: 0,
      waiting: 1,
      dropped: 0,
    });
    // A count made meanwhile for that week goes in a batch of its own: the one sealed never changes.
    await countReferral(db, referral('referral', LAST_WEEK));
    expect(await flushAggregates(db, connection(running.origin))).toEqual({ sent: 2, waiting: 0, dropped: 0 });
    expect(await store.storage.aggregateCounts(J)).toEqual([{ week: '2026-W47', counts: { referral: 2 } }]);
    expect(posts(running)).toHaveLength(3);
  });

  it('keeps the counts with no connection or a failing server, and sends them at a later flush', async () => {
    const running = await server(true);
    const db = await deviceOf(running);
    await countReferral(db, referral('follow_up', LAST_WEEK));
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const failing: typeof fetch = async () => new Response('{}', { status: 503 });
    for (const fetch of [offline, failing]) {
      expect(await flushAggregates(db, connection(running.origin, fetch))).toEqual({ sent: 0, waiting: 1, dropped: 0 });
    }
    expect(await store.storage.aggregateCounts(J)).toEqual([]);
    expect(await flushAggregates(db, connection(running.origin))).toEqual({ sent: 1, waiting: 0, dropped: 0 });
    expect(await store.storage.aggregateCounts(J)).toEqual([{ week: '2026-W47', counts: { follow_up: 1 } }]);
  });

  it('keeps the batches a busy server refuses for too many from this connection, and sends them later', async () => {
    const oneBatchAnHour = { ...addressThrottles(), aggregates: new AddressThrottle(1, 3_600_000) };
    const busy = await server(true, oneBatchAnHour);
    const db = await deviceOf(busy);
    await countReferral(db, referral('follow_up', LAST_WEEK));
    await countReferral(db, referral('referral', new Date('2026-11-11T15:00:00Z')));
    expect(await flushAggregates(db, connection(busy.origin))).toEqual({ sent: 1, waiting: 1, dropped: 0 });
    expect(await store.storage.aggregateCounts(J)).toHaveLength(1);

    const later = await server(true);
    expect(await flushAggregates(db, connection(later.origin))).toEqual({ sent: 1, waiting: 0, dropped: 0 });
    expect(await store.storage.aggregateCounts(J)).toHaveLength(2);
  });

  it('forgets every count when the server no longer collects them, told by a manifest or by a refusal', async () => {
    const collecting = await server(true);
    const byManifest = await deviceOf(collecting);
    const byRefusal = await deviceOf(collecting);
    for (const db of [byManifest, byRefusal]) {
      await countReferral(db, referral('referral', LAST_WEEK));
      await countReferral(db, referral('referral'));
    }
    const stopped = await server(false);

    await syncJurisdiction(byManifest, J, connection(stopped.origin));
    expect(await aggregatesSwitch(byManifest, J)).toBe('off');
    expect(await byManifest.aggregateCounts.count()).toBe(0);

    expect(await flushAggregates(byRefusal, connection(stopped.origin))).toEqual({ sent: 0, waiting: 0, dropped: 1 });
    expect(await aggregatesSwitch(byRefusal, J)).toBe('off');
    expect(await byRefusal.aggregateCounts.count()).toBe(0);
    expect(await byRefusal.settings.where('key').startsWith('aggregates-batch/').count()).toBe(0);
    expect(await countReferral(byRefusal, referral('referral'))).toBe(false);
    expect(await store.storage.aggregateCounts(J)).toEqual([]);
  });

  it('drops counts of weeks too old for the server without sending them', async () => {
    const running = await server(true);
    const db = await deviceOf(running);
    await countReferral(db, referral('referral', new Date('2025-10-01T12:00:00Z')));
    expect(await flushAggregates(db, connection(running.origin))).toEqual({ sent: 0, waiting: 0, dropped: 0 });
    expect(await db.aggregateCounts.count()).toBe(0);
    expect(posts(running)).toEqual([]);
  });

  it("go out with the sync engine's run, after the manifests", async () => {
    const running = await server(true);
    const db = await deviceOf(running);
    const engine = new SyncEngine(db, { origin: running.origin, publicKey: store.publicKey, now: () => NOW });
    expect(await countReferral(db, referral('immediate_assistance', LAST_WEEK))).toBe(true);
    const run = await engine.syncNow();
    expect(run.aggregates).toEqual({ sent: 1, waiting: 0, dropped: 0 });
    expect(await store.storage.aggregateCounts(J)).toEqual([{ week: '2026-W47', counts: { immediate_assistance: 1 } }]);
  });
});

describe('what leaves the device, for any history of referrals', () => {
  const ZONES: Record<string, string> = {
    'hn-prueba': 'America/Tegucigalpa',
    'ki-prueba': 'Pacific/Kiritimati', // UTC+14: its weeks end first
    'jp-prueba': 'Asia/Tokyo',
  };
  const SECRET = 'SECRET';
  const history = fc.array(
    fc.record({
      jurisdictionId: fc.constantFrom(...Object.keys(ZONES)),
      stageKind: fc.constantFrom(...ROUTE_STAGE_KINDS),
      at: fc.date({ min: new Date(NOW.getTime() - 60 * 7 * 86_400_000), max: NOW, noInvalidDate: true }),
      // What a caller might pass along by mistake: a whole referral.
      extra: fc.dictionary(
        fc.constantFrom('caseCode', 'notes', 'deviceId', 'deviceToken', 'provider', 'createdAt'),
        fc.string().map((text) => `${SECRET}${text}`),
      ),
    }),
    { maxLength: 40 },
  );

  it('is only batches of a batch id, a jurisdiction, a past week and counts by stage, sent anonymously', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (calls) => {
        const db = database();
        for (const [id, timeZone] of Object.entries(ZONES)) {
          await db.jurisdictions.put({ id, timeZone } as JurisdictionRecord);
          const said = new Response(null, { headers: { 'Rutas-Aggregates': 'on' } });
          await learnAggregatesSwitch(db, id, said);
        }
        const expected = new Map<string, number>();
        for (const { extra, jurisdictionId, stageKind, at } of calls) {
          expect(await countReferral(db, { ...extra, jurisdictionId, stageKind, at })).toBe(true);
          const week = isoWeekOf(at, ZONES[jurisdictionId]);
          if (week < oldestAcceptedWeek(NOW)) continue;
          const key = `${jurisdictionId} ${week} ${stageKind}`;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }

        const sent: { url: string; init: RequestInit }[] = [];
        const capture: typeof fetch = async (input, init = {}) => {
          sent.push({ url: String(input), init });
          return new Response(JSON.stringify({ status: 'received' }), { status: 201 });
        };
        await flushAggregates(db, connection('https://rutas.example.org', capture));

        const found = new Map<string, number>();
        const weeksSent = new Set<string>();
        for (const { url, init } of sent) {
          const body = String(init.body);
          expect(body).not.toContain(SECRET);
          expect(init.credentials).toBe('omit');
          expect(Object.keys(init.headers ?? {})).toEqual(['content-type']);
          const batch = JSON.parse(body);
          expect(Object.keys(batch).sort()).toEqual(['counts', 'id', 'jurisdictionId', 'week']);
          expect(AggregateBatchSchema.parse(batch)).toEqual(batch);
          expect(url).toBe(`https://rutas.example.org${aggregatesPath(batch.jurisdictionId)}`);
          expect(batch.week < isoWeekOf(NOW, ZONES[batch.jurisdictionId])).toBe(true);
          expect(weekStatus(batch.week, NOW)).toBe('accepted');
          // One batch per jurisdiction and week.
          expect(weeksSent.has(`${batch.jurisdictionId} ${batch.week}`)).toBe(false);
          weeksSent.add(`${batch.jurisdictionId} ${batch.week}`);
          for (const [stage, count] of Object.entries(batch.counts as Record<string, number>)) {
            expect(count).toBeGreaterThan(0);
            found.set(`${batch.jurisdictionId} ${batch.week} ${stage}`, count);
          }
        }
        expect(new Set(sent.map(({ init }) => JSON.parse(String(init.body)).id)).size).toBe(sent.length);
        // What was not sent is the current week, still counting on the phone.
        for (const row of await db.aggregateCounts.toArray()) {
          expect(row.week).toBe(isoWeekOf(NOW, ZONES[row.jurisdictionId]));
          found.set(`${row.jurisdictionId} ${row.week} ${row.stageKind}`, row.count);
        }
        expect(found).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
