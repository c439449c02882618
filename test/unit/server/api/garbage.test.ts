import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROOT } from '../../../../src/core/sync/protocol';
import { createAccount } from '../../../../src/server/accounts/accounts';
import { SESSION_PATH } from '../../../../src/server/api/session-routes';
import { type ApiFixture, JURISDICTION, secondReleaseInput, startApi } from './api-fixture';
import { type DocumentedOperation, documentedOperations } from './openapi-routes';

let api: ApiFixture;
let operations: DocumentedOperation[];
let token: string;
let session: { cookie: string; csrfToken: string };

const ADMIN = { email: 'admin@example.org', password: 'una ruta para todas' };

beforeAll(async () => {
  api = await startApi();
  await api.publishElsewhere(secondReleaseInput());
  operations = await documentedOperations(api.server);
  token = (await api.enrol(JURISDICTION)).deviceToken;
  await createAccount(api.storage, { ...ADMIN, role: 'admin' }, null);
  const signedIn = await api.server.inject({ method: 'POST', url: SESSION_PATH, payload: ADMIN });
  const { csrfToken } = signedIn.json();
  session = { cookie: String(signedIn.headers['set-cookie']).split(';', 1)[0] as string, csrfToken };
});

afterAll(async () => {
  await api.close();
});

const printable = fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).filter((text) => /^[\x20-\x7e]*$/.test(text));

const pathValue = fc.oneof(
  fc.constantFrom(JURISDICTION, '1', '2', '0', '-1', '1.5', '1e3', '0x10', '99999999999999999999', '..', '%2e%2e'),
  fc.constantFrom('%ZZ', '%', '%00', '%2F', 'HN-PRUEBA', '%20', 'a'.repeat(300), '9'.repeat(120), '%F0%9F%92%A9'),
  fc.string().map(encodeURIComponent),
  fc.integer().map(String),
);

const query = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 }).map((entries) => `?${new URLSearchParams(entries)}`),
  fc.constantFrom('?a[b]=1', '?&&==', '?%ZZ', `?${'x=1&'.repeat(2000)}`, '?__proto__[x]=1'),
);

const validReport = {
  id: '5b0c7a3e-9d1f-4c2a-8e6b-1f2a3b4c5d6e',
  deviceId: '0d3f5e7a-1b2c-4d5e-8f9a-0b1c2d3e4f5a',
  jurisdictionId: JURISDICTION,
  providerId: 'caminos',
  releaseNumber: 2,
  problem: 'other',
  details: 'text',
  reportedAt: '2025-02-01T09:30:00.000Z',
};

/** A valid body with some fields replaced by anything JSON can hold. */
const mutatedBody = fc
  .dictionary(fc.constantFrom(...Object.keys(validReport), 'code', 'email', 'password', 'extra'), fc.jsonValue(), {
    maxKeys: 4,
  })
  .map((changes) => JSON.stringify({ ...validReport, code: 'ABCD-EFGH-JKMN', ...changes }));

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  mutatedBody,
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"id":', 'null', '[]', '""', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'),
  fc.constantFrom('\u0000', '\uFFFF', 'x'.repeat(70 * 1024), JSON.stringify({ details: 'y'.repeat(70 * 1024) })),
);

const headers = fc.record(
  {
    'content-type': fc.oneof(
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16'),
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
      fc.constantFrom('application/xml', '*/*', 'garbage', ''),
      printable,
    ),
    authorization: fc.oneof(
      fc.constantFrom('Bearer', 'Bearer ', 'Bearer a b', 'Basic eDp5', 'bearer x', `Bearer ${'A'.repeat(5000)}`),
      printable.map((text) => `Bearer ${text}`),
      printable,
    ),
    'if-none-match': fc.oneof(fc.constantFrom('*', 'W/"x"', '"public-1-', '""', ',,,'), printable),
    accept: fc.oneof(fc.constantFrom('text/html', 'application/json', '*/*', 'image/png'), printable),
    'accept-encoding': fc.oneof(fc.constantFrom('gzip', 'br', 'deflate', 'identity;q=0', '*', 'br;q=2'), printable),
    'content-encoding': fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-unknown'),
    'x-forwarded-for': printable,
    cookie: fc.oneof(
      fc.constantFrom(
        'rutas_session=',
        'rutas_session',
        `rutas_session=${'A'.repeat(43)}`,
        ';;=;',
        'a=1; rutas_session=x',
      ),
      printable,
    ),
    'x-csrf-token': printable,
  },
  { requiredKeys: [] },
);

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;

function garbageRequest(operation: DocumentedOperation): fc.Arbitrary<InjectOptions> {
  const method = fc.oneof(
    { weight: 4, arbitrary: fc.constant(operation.method as (typeof METHODS)[number]) },
    { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
  );
  const path = fc.tuple(...(operation.path.match(/\{[A-Za-z]+\}/g) ?? []).map(() => pathValue)).map((values) => {
    let index = 0;
    return operation.path.replace(/\{[A-Za-z]+\}/g, () => values[index++] as string);
  });
  const withValidToken = fc.boolean();
  // The session may well be signed out by an earlier DELETE: then the garbage meets a 401, as it should.
  const withValidSession = fc.boolean();
  return fc
    .record({ method, path, query, body, headers, withValidToken, withValidSession })
    .map(({ method, path, query, body, headers, withValidToken, withValidSession }) => ({
      method,
      url: `${path}${query}`,
      headers: {
        ...headers,
        ...(withValidToken && { authorization: `Bearer ${token}` }),
        ...(withValidSession && { cookie: session.cookie, 'x-csrf-token': session.csrfToken }),
      },
      ...(body !== undefined && { payload: body }),
    }));
}

/** The body as sent before compression: the garbage may well accept gzip or brotli. */
function decoded(payload: Buffer, encoding: unknown): string {
  if (encoding === 'gzip') return gunzipSync(payload).toString();
  if (encoding === 'br') return brotliDecompressSync(payload).toString();
  return payload.toString();
}

function expectRefusalOrAnswer(request: InjectOptions, response: Awaited<ReturnType<ApiFixture['server']['inject']>>) {
  const label = `${request.method} ${String(request.url).slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
  expect(response.statusCode, label).toBeLessThan(500);
  if (response.statusCode >= 400 && request.method !== 'HEAD') {
    expect(response.headers['content-type'], label).toMatch(/^application\/json/);
    const problem = JSON.parse(decoded(response.rawPayload, response.headers['content-encoding']));
    expect(problem, label).toEqual(expect.objectContaining({ error: expect.any(String), message: expect.any(String) }));
    expect(problem.message.length, label).toBeGreaterThan(0);
  }
}

describe('generated garbage thrown at every route of the OpenAPI document', () => {
  it('gets a 4xx JSON error naming the problem, never a 5xx', { timeout: 120_000 }, async () => {
    expect(operations.length).toBeGreaterThanOrEqual(11);
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(garbageRequest(operation), async (request) => {
          expectRefusalOrAnswer(request, await api.server.inject(request));
        }),
        { numRuns: 40 },
      );
    }
  });

  it('paths under the API that are no route get a JSON 404, even when a browser asks', async () => {
    const unknownPath = fc
      // URL parsing resolves dot segments (as browsers do), which would leave the API.
      .array(
        pathValue.filter((segment) => !/^(\.|%2e){1,2}$/i.test(segment)),
        { minLength: 1, maxLength: 4 },
      )
      .map((segments) => `${API_ROOT}/${segments.join('/')}`)
      .filter(
        (path) =>
          !operations.some((operation) =>
            new RegExp(`^${operation.path.replace(/\{[A-Za-z]+\}/g, '[^/]+')}$`).test(path),
          ),
      );
    await fc.assert(
      fc.asyncProperty(unknownPath, fc.constantFrom(...METHODS), async (url, method) => {
        const request: InjectOptions = { method, url, headers: { accept: 'text/html' } };
        const response = await api.server.inject(request);
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expectRefusalOrAnswer(request, response);
      }),
      { numRuns: 60 },
    );
  });
});
