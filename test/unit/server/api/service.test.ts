import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROOT, FIELD_REPORTS_PATH, syncPaths } from '../../../../src/core/sync/protocol';
import { API_ROUTES } from '../../../../src/server/api/routes';
import { type ApiFixture, JURISDICTION, startApi } from './api-fixture';
import { documentedOperations, type OpenApiDocumentShape } from './openapi-routes';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

const post = (payload: string, contentType = 'application/json') =>
  api.server.inject({ method: 'POST', url: FIELD_REPORTS_PATH, headers: { 'content-type': contentType }, payload });

describe('health', () => {
  it('says the server and its database answer', async () => {
    const response = await api.server.inject({ method: 'GET', url: `${API_ROOT}/health` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 with a reason when the database is gone', async () => {
    const broken = await startApi();
    await broken.storage.close();
    const response = await broken.server.inject({ method: 'GET', url: `${API_ROOT}/health` });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: 'database_unavailable', message: expect.stringMatching(/^The database/) });
    await broken.server.close();
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route of the table, each with its answers', async () => {
    const response = await api.server.inject({ method: 'GET', url: `${API_ROOT}/openapi.json` });
    expect(response.statusCode).toBe(200);
    const document = response.json<OpenApiDocumentShape>();
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const operations = await documentedOperations(api.server);
    expect(operations.map((operation) => `${operation.method} ${operation.path}`).sort()).toEqual(
      API_ROUTES.map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`).sort(),
    );
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    for (const operation of operations) {
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((status) => /^2\d\d$/.test(status)),
        operation.path,
      ).toBe(true);
      const placeholders = [...operation.path.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]);
      expect((operation.parameters ?? []).map((parameter) => parameter.name).sort(), operation.path).toEqual(
        placeholders.sort(),
      );
    }
  });

  it('refers only to schemas it defines', async () => {
    const text = (await api.server.inject({ method: 'GET', url: `${API_ROOT}/openapi.json` })).body;
    const document = JSON.parse(text) as OpenApiDocumentShape;
    const references = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThan(10);
    for (const name of references) expect(document.components.schemas, name).toHaveProperty(name as string);
  });

  it('describes the paths the devices build with syncPaths', async () => {
    const paths = Object.keys(
      (await api.server.inject({ method: 'GET', url: `${API_ROOT}/openapi.json` })).json().paths,
    );
    for (const variant of ['public', 'enrolled'] as const) {
      const sync = syncPaths('{id}', variant);
      expect(paths).toContain(decodeURIComponent(sync.manifest));
    }
  });
});

describe('malformed requests', () => {
  it('a body that is not JSON is a 400 naming the problem', async () => {
    const response = await post('{"id": ');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'malformed_json', message: expect.stringContaining('not valid JSON') });
  });

  it('a body of another type is a 415 asking for JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await post('id=1', type);
      expect(response.statusCode, type).toBe(415);
      expect(response.json()).toEqual({ error: 'unsupported_media_type', message: expect.stringContaining('JSON') });
    }
  });

  it('a body over 64 KB is a 413', async () => {
    const response = await post(JSON.stringify({ details: 'x'.repeat(70 * 1024) }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'payload_too_large', message: expect.stringContaining('64 KB') });
  });

  it('a request without a body is a 400 that says so', async () => {
    const response = await api.server.inject({ method: 'POST', url: FIELD_REPORTS_PATH });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('missing_body');
  });

  it('an invalid field is a 400 that lists where each problem is', async () => {
    const response = await post(JSON.stringify({ id: 'nope', jurisdictionId: JURISDICTION }));
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.error).toBe('invalid_request');
    expect(problem.issues.map((issue: { path: string }) => issue.path)).toEqual(
      expect.arrayContaining(['body.id', 'body.deviceId', 'body.providerId']),
    );
  });

  it('a path under the API that is no route is a JSON 404 pointing at the document, even for a browser', async () => {
    const response = await api.server.inject({
      method: 'GET',
      url: `${API_ROOT}/nothing`,
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: expect.stringContaining('openapi.json') });
  });

  it('a wrong method on a route is a JSON 404', async () => {
    const response = await api.server.inject({ method: 'DELETE', url: syncPaths(JURISDICTION, 'public').manifest });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('not_found');
  });
});
