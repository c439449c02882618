import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_REPORTS_PATH } from '../../../../src/core/sync/protocol';
import { createAccount } from '../../../../src/server/accounts/accounts';
import { SESSION_PATH } from '../../../../src/server/api/session-routes';
import { createEnrolmentCode } from '../../../../src/server/enrolment/codes';
import { type ApiFixture, JURISDICTION, OTHER_JURISDICTION, secondReleaseInput, startApi } from './api-fixture';
import { consoleBodies, consolePathValues } from './console-requests';
import {
  type BodyExamples,
  type DocumentedOperation,
  documentedOperations,
  type PathValues,
  requiresAccount,
  requiresDevice,
  validRequest,
} from './openapi-routes';

let api: ApiFixture;
let operations: DocumentedOperation[];
let token: string;
let otherToken: string;
let revokedToken: string;

const ADMIN = { email: 'admin@example.org', password: 'una ruta para todas' };

const bodies: BodyExamples = {
  redeemEnrolmentCode: async () => ({
    code: (await createEnrolmentCode(api.storage, JURISDICTION)).code,
    deviceId: crypto.randomUUID(),
  }),
  signIn: () => ADMIN,
  submitFieldReport: () => ({
    id: crypto.randomUUID(),
    deviceId: crypto.randomUUID(),
    jurisdictionId: JURISDICTION,
    providerId: 'caminos',
    releaseNumber: 2,
    problem: 'no-answer',
    details: '',
    reportedAt: '2025-02-01T09:30:00.000Z',
  }),
};

beforeAll(async () => {
  // Aggregates on, so that their anonymous route answers like the other routes that need no token.
  api = await startApi({ aggregates: true });
  await api.publishElsewhere(secondReleaseInput());
  operations = await documentedOperations(api.server);
  token = (await api.enrol(JURISDICTION)).deviceToken;
  otherToken = (await api.enrol(OTHER_JURISDICTION)).deviceToken;
  const revoked = await api.enrol(JURISDICTION);
  await api.storage.revokeDevice(revoked.deviceId, new Date().toISOString());
  revokedToken = revoked.deviceToken;
  await createAccount(api.storage, { ...ADMIN, role: 'admin' }, null);
});

/** A fresh session: its cookie and CSRF token. */
async function signIn(): Promise<{ cookie: string; csrfToken: string }> {
  const response = await api.server.inject({ method: 'POST', url: SESSION_PATH, payload: ADMIN });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const { csrfToken } = response.json();
  return { cookie: String(response.headers['set-cookie']).split(';', 1)[0] as string, csrfToken };
}

afterAll(async () => {
  await api.close();
});

const send = async (operation: DocumentedOperation, headers: Record<string, string> = {}, pathValues?: PathValues) =>
  api.server.inject(
    await validRequest(
      operation,
      { ...bodies, ...consoleBodies(api) },
      headers,
      pathValues ?? (await consolePathValues(api, operation)),
    ),
  );

describe('every route in the OpenAPI document', () => {
  it('is enumerated: the document lists the enrolled routes, the console ones and the open ones', () => {
    expect(operations.filter(requiresDevice).length).toBeGreaterThanOrEqual(3);
    expect(operations.filter(requiresAccount).length).toBeGreaterThanOrEqual(2);
    expect(
      operations.filter((operation) => !requiresDevice(operation) && !requiresAccount(operation)).length,
    ).toBeGreaterThanOrEqual(6);
  });

  it('that needs a device token refuses a missing, unknown, malformed or revoked token with 401', async () => {
    const refusals: Record<string, string>[] = [
      {},
      { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { authorization: `Basic ${btoa('coordinator:secret')}` },
      { authorization: 'Bearer' },
      { authorization: `Bearer ${revokedToken}` },
    ];
    for (const operation of operations.filter(requiresDevice)) {
      for (const headers of refusals) {
        const response = await send(operation, headers);
        const label = `${operation.method} ${operation.path} with ${JSON.stringify(headers)}`;
        expect(response.statusCode, label).toBe(401);
        expect(response.json(), label).toEqual({ error: 'unauthorized', message: expect.any(String) });
        expect(response.headers['www-authenticate'], label).toMatch(/^Bearer/);
        expect(response.body, label).not.toContain('casa-refugio');
      }
    }
  });

  it('that needs a device token refuses a device of another jurisdiction with 403', async () => {
    for (const operation of operations.filter(requiresDevice)) {
      const response = await send(operation, { authorization: `Bearer ${otherToken}` });
      expect(response.statusCode, `${operation.method} ${operation.path}`).toBe(403);
      expect(response.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
      expect(response.body).not.toContain('casa-refugio');
    }
  });

  it('that needs a device token answers the device enrolled in the jurisdiction', async () => {
    for (const operation of operations.filter(requiresDevice)) {
      const response = await send(operation, { authorization: `Bearer ${token}` });
      expect(response.statusCode, `${operation.method} ${operation.path}`).toBe(200);
    }
  });

  it('that needs no token answers without one, never with 401', async () => {
    for (const operation of operations.filter(
      (candidate) => !requiresDevice(candidate) && !requiresAccount(candidate),
    )) {
      const response = await send(operation);
      expect(response.statusCode, `${operation.method} ${operation.path}: ${response.body}`).toBeGreaterThanOrEqual(
        200,
      );
      expect(response.statusCode, `${operation.method} ${operation.path}: ${response.body}`).toBeLessThan(300);
    }
  });
});

describe('every console route in the OpenAPI document', () => {
  it('refuses a missing, unknown or ended session with 401, and a device token is no session', {
    timeout: 60_000,
  }, async () => {
    const ended = await signIn();
    await api.server.inject({
      method: 'DELETE',
      url: SESSION_PATH,
      headers: { cookie: ended.cookie, 'x-csrf-token': ended.csrfToken },
    });
    const refusals: Record<string, string>[] = [
      {},
      { cookie: `rutas_session=${'A'.repeat(43)}` },
      { cookie: 'rutas_session=' },
      { authorization: `Bearer ${token}` },
      { cookie: ended.cookie, 'x-csrf-token': ended.csrfToken },
    ];
    for (const operation of operations.filter(requiresAccount)) {
      const pathValues = await consolePathValues(api, operation);
      for (const headers of refusals) {
        const response = await send(operation, headers, pathValues);
        const label = `${operation.method} ${operation.path} with ${JSON.stringify(headers)}`;
        expect(response.statusCode, label).toBe(401);
        expect(response.json(), label).toEqual({ error: 'unauthorized', message: expect.any(String) });
      }
    }
  });

  it('answers a signed-in person, on other methods than GET only with the CSRF token', {
    timeout: 60_000,
  }, async () => {
    let session = await signIn();
    for (const operation of operations.filter(requiresAccount)) {
      const { cookie, csrfToken } = session;
      const label = `${operation.method} ${operation.path}`;
      if (operation.method !== 'GET') {
        const refused = await send(operation, { cookie });
        expect(refused.statusCode, label).toBe(403);
        expect(refused.json().error, label).toBe('csrf');
      }
      const response = await send(operation, { cookie, 'x-csrf-token': csrfToken });
      expect(response.statusCode, `${label}: ${response.body}`).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, `${label}: ${response.body}`).toBeLessThan(300);
      if (operation.operationId === 'signOut') session = await signIn();
    }
  });
});

describe('a field report with a device token', () => {
  const report = bodies.submitFieldReport as () => object;

  it('is received when the token is valid, whichever jurisdiction the device is enrolled in', async () => {
    for (const authorization of [`Bearer ${token}`, `Bearer ${otherToken}`]) {
      const response = await api.server.inject({
        method: 'POST',
        url: FIELD_REPORTS_PATH,
        headers: { authorization },
        payload: report(),
      });
      expect(response.statusCode).toBe(201);
    }
  });

  it('is refused with 401 when the token sent is unknown or revoked, so the device learns it lost its enrolment', async () => {
    for (const authorization of ['Bearer nope-nope-nope', `Bearer ${revokedToken}`]) {
      const response = await api.server.inject({
        method: 'POST',
        url: FIELD_REPORTS_PATH,
        headers: { authorization },
        payload: report(),
      });
      expect(response.statusCode).toBe(401);
    }
  });
});
