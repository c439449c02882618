import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAggregatesPath } from '../../../../src/core/aggregates/console';
import { AGGREGATE_COUNT_MAX, type AggregateBatch, aggregatesPath } from '../../../../src/core/aggregates/protocol';
import { ROUTE_STAGE_KINDS } from '../../../../src/core/handbook/taxonomy';
import { syncPaths } from '../../../../src/core/sync/protocol';
import { AddressThrottle, addressThrottles } from '../../../../src/server/address-throttle';
import { aggregatesFromEnv } from '../../../../src/server/aggregates/setting';
import { type ApiFixture, JURISDICTION, OTHER_JURISDICTION, startApi } from './api-fixture';
import { accountFor, type ConsoleSession, signIn } from './console-requests';

/** Tuesday of 2026-W48: 2026-W47 is the last week that is over. */
const NOW = new Date('2026-11-24T12:00:00Z');
const url = aggregatesPath(JURISDICTION);

const batch = (overrides: Partial<AggregateBatch> = {}): AggregateBatch => ({
  id: randomUUID(),
  jurisdictionId: JURISDICTION,
  week: '2026-W47',
  counts: { identification: 2, referral: 1 },
  ...overrides,
});

const post = (api: ApiFixture, payload: unknown, headers: Record<string, string> = {}) =>
  api.server.inject({ method: 'POST', url, payload: payload as object, headers });

let off: ApiFixture;
let on: ApiFixture;
let admin: ConsoleSession;

/** What the console shows of the jurisdiction's counts. */
async function consoleCounts(api: ApiFixture, session: ConsoleSession, jurisdictionId = JURISDICTION) {
  const response = await api.server.inject({
    method: 'GET',
    url: consoleAggregatesPath(jurisdictionId),
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  return response.json();
}

beforeAll(async () => {
  [off, on] = await Promise.all([startApi({ now: () => NOW }), startApi({ aggregates: true, now: () => NOW })]);
  admin = await signIn(on, await accountFor(on, 'admin'));
});

afterAll(async () => {
  await Promise.all([off.close(), on.close()]);
});

describe('the deployment setting', () => {
  it('is off unless RUTAS_AGGREGATES is "on"; a value it does not know stops the server from starting', () => {
    expect(aggregatesFromEnv({})).toBe(false);
    expect(aggregatesFromEnv({ RUTAS_AGGREGATES: '' })).toBe(false);
    expect(aggregatesFromEnv({ RUTAS_AGGREGATES: 'off' })).toBe(false);
    expect(aggregatesFromEnv({ RUTAS_AGGREGATES: 'on' })).toBe(true);
    expect(aggregatesFromEnv({ RUTAS_AGGREGATES: ' ON ' })).toBe(true);
    for (const value of ['true', '1', 'yes', 'no', 'of']) {
      expect(() => aggregatesFromEnv({ RUTAS_AGGREGATES: value })).toThrow(/RUTAS_AGGREGATES must be "on" or "off"/);
    }
  });

  it('reaches devices in a header of every manifest answer, 304 included, the ETag untouched', async () => {
    for (const [api, expected] of [
      [off, 'off'],
      [on, 'on'],
    ] as const) {
      const token = (await api.enrol(JURISDICTION)).deviceToken;
      for (const [path, headers] of [
        [syncPaths(JURISDICTION, 'public').manifest, {}],
        [syncPaths(JURISDICTION, 'enrolled').manifest, { authorization: `Bearer ${token}` }],
      ] as const) {
        const first = await api.server.inject({ method: 'GET', url: path, headers });
        expect(first.statusCode).toBe(200);
        expect(first.headers['rutas-aggregates']).toBe(expected);
        const etag = first.headers.etag as string;
        expect(etag).toMatch(/^"(public|enrolled)-1-[0-9a-f]{16}"$/);
        const again = await api.server.inject({
          method: 'GET',
          url: path,
          headers: { ...headers, 'if-none-match': etag },
        });
        expect(again.statusCode).toBe(304);
        expect(again.headers['rutas-aggregates']).toBe(expected);
        expect(again.headers.etag).toBe(etag);
        const wire = Object.entries(again.headers).map(([name, value]) => `${name}: ${value}\r\n`);
        expect(Buffer.byteLength(`HTTP/1.1 304 Not Modified\r\n${wire.join('')}\r\n`)).toBeLessThan(1024);
      }
    }
  });
});

describe('where the deployment has not turned aggregates on', () => {
  it('a batch is refused with a clear JSON error and nothing is stored', async () => {
    const response = await post(off, batch());
    expect(response.statusCode).toBe(404);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ error: 'aggregates_off', message: expect.stringMatching(/RUTAS_AGGREGATES=on/) });
    expect(await off.storage.aggregateCounts(JURISDICTION)).toEqual([]);
  });

  it('the console says the server is not collecting', async () => {
    const session = await signIn(off, await accountFor(off, 'admin'));
    expect(await consoleCounts(off, session)).toEqual({ collecting: false, weeks: [] });
  });
});

describe('where the deployment has turned aggregates on', () => {
  it("adds each device's batch to the sums coordinators read by week and stage", async () => {
    const first = batch({ jurisdictionId: OTHER_JURISDICTION, counts: { referral: 2, protection: 1 } });
    const second = batch({ jurisdictionId: OTHER_JURISDICTION, counts: { referral: 3 } });
    const older = batch({ jurisdictionId: OTHER_JURISDICTION, week: '2026-W40', counts: { follow_up: 4 } });
    for (const b of [first, second, older]) {
      const response = await on.server.inject({ method: 'POST', url: aggregatesPath(OTHER_JURISDICTION), payload: b });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toEqual({ id: b.id, status: 'received' });
    }
    expect(await consoleCounts(on, admin, OTHER_JURISDICTION)).toEqual({
      collecting: true,
      weeks: [
        { week: '2026-W47', counts: { protection: 1, referral: 5 } },
        { week: '2026-W40', counts: { follow_up: 4 } },
      ],
    });
  });

  it('takes a resent batch once, and refuses another batch under the same id', async () => {
    const sent = batch({ counts: { immediate_assistance: 1 } });
    expect((await post(on, sent)).statusCode).toBe(201);
    const resent = await post(on, { ...sent, counts: { ...sent.counts } });
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toEqual({ id: sent.id, status: 'received' });
    const other = await post(on, { ...sent, counts: { immediate_assistance: 2 } });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toBe('conflict');
    const sums = await on.storage.aggregateCounts(JURISDICTION);
    expect(sums.find((w) => w.week === '2026-W47')?.counts.immediate_assistance).toBe(1);
  });

  it('refuses counts sent with a device token, so none can be linked to an enrolled phone', async () => {
    const { deviceToken } = await on.enrol(JURISDICTION);
    const before = await on.storage.aggregateCounts(JURISDICTION);
    const response = await post(on, batch(), { authorization: `Bearer ${deviceToken}` });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('not_anonymous');
    expect(await on.storage.aggregateCounts(JURISDICTION)).toEqual(before);
  });

  it.each([
    ['the current week', '2026-W48', 'week_not_over'],
    ['a week to come', '2027-W02', 'week_not_over'],
    ['a week over a year old', '2025-W47', 'week_too_old'],
  ])('refuses %s with 422 and a code the device can act on', async (_, week, code) => {
    const response = await post(on, batch({ week }));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: code, issues: [{ path: 'body.week' }] });
  });

  it('refuses a batch about another jurisdiction than its URL, and a jurisdiction the server does not publish', async () => {
    const mismatch = await post(on, batch({ jurisdictionId: OTHER_JURISDICTION }));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().issues).toEqual([{ path: 'body.jurisdictionId', message: expect.any(String) }]);
    const unknown = await on.server.inject({
      method: 'POST',
      url: aggregatesPath('mx-nada'),
      payload: batch({ jurisdictionId: 'mx-nada' }),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('unknown_jurisdiction');
  });

  it.each([
    ['a device id', { deviceId: randomUUID() }, 'body'],
    ['a timestamp', { sentAt: '2026-11-24T10:00:00.000Z' }, 'body'],
    ['notes', { counts: { referral: 1, notes: 'Ana, 15' } }, 'body.counts'],
    ['a negative count', { counts: { referral: -1 } }, 'body.counts.referral'],
    ['a count over the cap', { counts: { referral: AGGREGATE_COUNT_MAX + 1 } }, 'body.counts.referral'],
    ['a day instead of a week', { week: '2026-11-20' }, 'body.week'],
  ])('refuses a batch carrying %s with 400 saying where', async (_, change, path) => {
    const response = await post(on, { ...batch(), ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request', issues: [{ path }] });
  });
});

describe('generated batches, valid or not', () => {
  const validBatch = fc.record({
    id: fc.uuid({ version: 4 }),
    jurisdictionId: fc.constant(JURISDICTION),
    week: fc.constantFrom('2026-W47', '2026-W46', '2026-W01', '2025-W48'),
    counts: fc.dictionary(fc.constantFrom(...ROUTE_STAGE_KINDS), fc.integer({ min: 0, max: 20 }), {
      minKeys: 1,
      maxKeys: 4,
    }),
  });
  const stage = fc.oneof(fc.constantFrom(...ROUTE_STAGE_KINDS), fc.string({ maxLength: 12 }));
  const count = fc.oneof(
    fc.integer({ min: 0, max: 20 }),
    fc.constantFrom(-1, 1.5, AGGREGATE_COUNT_MAX, AGGREGATE_COUNT_MAX + 1, Number.MAX_SAFE_INTEGER, '3', null),
  );
  /** One field of the batch replaced, or one added, by something odd. */
  const mutation = fc.oneof(
    fc.record({
      key: fc.constant('week'),
      value: fc.oneof(fc.constantFrom('2026-W48', '2025-W53', '2025-W47', '2026-W47 ', 'W47', ''), fc.string()),
    }),
    fc.record({
      key: fc.constant('counts'),
      value: fc.oneof(fc.dictionary(stage, count, { maxKeys: 4 }), fc.jsonValue()),
    }),
    fc.record({ key: fc.constant('id'), value: fc.constantFrom('x', '', randomUUID().toUpperCase(), null) }),
    fc.record({ key: fc.constant('jurisdictionId'), value: fc.constantFrom(OTHER_JURISDICTION, 'HN-PRUEBA', '', 7) }),
    fc.record({ key: fc.constantFrom('deviceId', 'extra', 'at', '__proto__'), value: fc.jsonValue() }),
  );
  const generated = fc.tuple(validBatch, fc.array(mutation, { maxLength: 2 })).map(([valid, changes]) => {
    const body: Record<string, unknown> = { ...valid };
    for (const { key, value } of changes)
      Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
    return body;
  });

  it('never get a 5xx; every refusal is JSON; the sums grow by exactly what was accepted', async () => {
    const api = await startApi({ aggregates: true, now: () => NOW });
    try {
      const accepted = new Map<string, number>();
      let created = 0;
      await fc.assert(
        fc.asyncProperty(generated, async (body) => {
          const response = await api.server.inject({ method: 'POST', url, payload: body } as InjectOptions);
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json()).toEqual(
              expect.objectContaining({ error: expect.any(String), message: expect.any(String) }),
            );
          }
          if (response.statusCode === 201) {
            created++;
            for (const [kind, n] of Object.entries((body as AggregateBatch).counts)) {
              const key = `${(body as AggregateBatch).week} ${kind}`;
              accepted.set(key, (accepted.get(key) ?? 0) + n);
            }
          }
        }),
        { numRuns: 300 },
      );
      // Not vacuous: a good share of what was generated was a valid batch.
      expect(created).toBeGreaterThan(10);
      const stored = new Map<string, number>();
      for (const { week, counts } of await api.storage.aggregateCounts(JURISDICTION)) {
        for (const [kind, n] of Object.entries(counts)) stored.set(`${week} ${kind}`, n);
      }
      for (const [key, n] of accepted) if (n === 0) accepted.delete(key);
      expect(stored).toEqual(accepted);
      expect(await api.storage.aggregateCounts(OTHER_JURISDICTION)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

describe('many batches from one address', () => {
  it('are refused with 429 past the hourly limit, storing nothing; other addresses go on', async () => {
    const limited = await startApi({
      aggregates: true,
      now: () => NOW,
      throttles: { ...addressThrottles(), aggregates: new AddressThrottle(2, 3_600_000) },
    });
    try {
      const from = (remoteAddress: string) =>
        limited.server.inject({ method: 'POST', url, payload: batch(), remoteAddress });
      expect((await from('10.0.0.7')).statusCode).toBe(201);
      expect((await from('10.0.0.7')).statusCode).toBe(201);
      const refused = await from('10.0.0.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toEqual({
        error: 'too_many_requests',
        message: expect.stringContaining('nothing was stored'),
      });
      expect(Number(refused.headers['retry-after'])).toBe(3_600);
      expect((await from('10.0.0.8')).statusCode).toBe(201);
      expect(await limited.storage.aggregateCounts(JURISDICTION)).toEqual([
        { week: '2026-W47', counts: { identification: 6, referral: 3 } },
      ]);
    } finally {
      await limited.close();
    }
  });
});
