import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ENROLMENT_CODE_ALPHABET,
  ENROLMENTS_PATH,
  EnrolmentResponseSchema,
  FIELD_REPORTS_PATH,
  syncPaths,
} from '../../../../src/core/sync/protocol';
import { createEnrolmentCode, formatEnrolmentCode } from '../../../../src/server/enrolment/codes';
import { type ApiFixture, JURISDICTION, startApi } from './api-fixture';

let api: ApiFixture;
beforeEach(async () => {
  api = await startApi();
});
afterEach(async () => {
  await api.close();
});

const redeem = (code: string, deviceId: string = crypto.randomUUID(), remoteAddress = '127.0.0.1') =>
  api.server.inject({ method: 'POST', url: ENROLMENTS_PATH, payload: { code, deviceId }, remoteAddress });

/** A code nobody issued, different each time. */
const guessed = (n: number) =>
  `ABCDEFGHJK${ENROLMENT_CODE_ALPHABET.charAt(n % ENROLMENT_CODE_ALPHABET.length)}${ENROLMENT_CODE_ALPHABET.charAt(0)}`;

describe('enrolment codes guessed from one place', () => {
  it('after 20 codes that do not exist, the address waits 15 minutes, even with a real code', async () => {
    for (let n = 0; n < 20; n++) {
      expect((await redeem(guessed(n), undefined, '10.0.0.7')).json().error).toBe('code_unknown');
    }
    const { code } = await createEnrolmentCode(api.storage, JURISDICTION);
    const stopped = await redeem(code, undefined, '10.0.0.7');
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json()).toEqual({ error: 'too_many_attempts', message: expect.stringContaining('15 minute(s)') });
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(14 * 60);

    // The code was not spent: the worker's phone on another connection enrols with it.
    expect((await redeem(code, undefined, '10.0.0.8')).statusCode).toBe(201);
  });

  it('a worker retrying a used code is not guessing: only codes that do not exist count', async () => {
    const { code } = await createEnrolmentCode(api.storage, JURISDICTION);
    expect((await redeem(code, undefined, '10.0.0.9')).statusCode).toBe(201);
    for (let n = 0; n < 25; n++) expect((await redeem(code, undefined, '10.0.0.9')).statusCode).toBe(410);
  });
});

describe('enrolment', () => {
  it('a code enrols one device, whose token then opens the enrolled releases', async () => {
    const { code } = await createEnrolmentCode(api.storage, JURISDICTION);
    const deviceId = crypto.randomUUID();
    const response = await redeem(formatEnrolmentCode(code).toLowerCase(), deviceId);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const enrolment = EnrolmentResponseSchema.parse(response.json());
    expect(enrolment).toMatchObject({ jurisdictionId: JURISDICTION, deviceId });

    const manifest = await api.server.inject({
      method: 'GET',
      url: syncPaths(JURISDICTION, 'enrolled').manifest,
      headers: { authorization: `Bearer ${enrolment.deviceToken}` },
    });
    expect(manifest.statusCode).toBe(200);
  });

  it('the same code a second time is refused with 410: it was used', async () => {
    const { code } = await createEnrolmentCode(api.storage, JURISDICTION);
    expect((await redeem(code)).statusCode).toBe(201);
    const again = await redeem(code);
    expect(again.statusCode).toBe(410);
    expect(again.json()).toEqual({ error: 'code_used', message: expect.stringContaining('already used') });
  });

  it('an expired code is refused with 410, a code nobody issued with 400', async () => {
    const { code } = await createEnrolmentCode(api.storage, JURISDICTION, {
      now: new Date(Date.now() - 3 * 3_600_000),
      validForHours: 1,
    });
    const expired = await redeem(code);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error).toBe('code_expired');

    const unknown = await redeem('ABCDEFGHJKMN');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toBe('code_unknown');
  });

  it('a code that cannot be one is a 400 naming the field', async () => {
    const response = await redeem('0000');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([{ path: 'body.code', message: expect.stringContaining('12') }]);
  });
});

describe('field reports', () => {
  const report = () => ({
    id: crypto.randomUUID(),
    deviceId: crypto.randomUUID(),
    jurisdictionId: JURISDICTION,
    providerId: 'caminos',
    releaseNumber: 1,
    problem: 'wrong-number' as const,
    details: 'Contesta otra persona',
    reportedAt: '2025-02-01T09:30:00.000Z',
  });
  const send = (payload: object) => api.server.inject({ method: 'POST', url: FIELD_REPORTS_PATH, payload });

  it('are stored once, however often the device resends them', async () => {
    const sent = report();
    const first = await send(sent);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: sent.id, status: 'received' });
    const again = await send(sent);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: sent.id, status: 'received' });
    const stored = await api.storage.fieldReports(JURISDICTION);
    expect(stored.filter((candidate) => candidate.id === sent.id)).toHaveLength(1);
  });

  it('a different report under an id already taken is a 409, and the first one stays', async () => {
    const sent = report();
    await send(sent);
    const conflicting = await send({ ...sent, details: 'Otra cosa' });
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.json().error).toBe('conflict');
    const stored = await api.storage.fieldReports(JURISDICTION);
    expect(stored.find((candidate) => candidate.id === sent.id)?.details).toBe('Contesta otra persona');
  });

  it('about a jurisdiction the server does not publish is a 404', async () => {
    const response = await send({ ...report(), jurisdictionId: 'gt-nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'unknown_jurisdiction', message: expect.stringContaining('gt-nowhere') });
  });
});
