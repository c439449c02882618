import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, disableAccount } from '../../../../src/server/accounts/accounts';
import { sessionCookie } from '../../../../src/server/accounts/sessions';
import { SESSION_PATH } from '../../../../src/server/api/session-routes';
import { type ApiFixture, startApi } from './api-fixture';

let api: ApiFixture;
const PASSWORD = 'una ruta para todas';

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.close();
});

let accounts = 0;
/** A fresh coordinator of hn-prueba, so that one test's failures do not lock another's account. */
async function coordinator(): Promise<string> {
  const email = `coordinadora-${++accounts}@example.org`;
  await createAccount(
    api.storage,
    { email, displayName: 'Coordinadora', role: 'coordinator', jurisdictionIds: ['hn-prueba'], password: PASSWORD },
    null,
  );
  return email;
}

let addresses = 0;
/** Each test signs in from its own address, so that the per-address limit of one does not reach another. */
const newAddress = () => `10.0.0.${++addresses}`;

function signIn(email: string, password: string, remoteAddress = '127.0.0.1') {
  return api.server.inject({ method: 'POST', url: SESSION_PATH, payload: { email, password }, remoteAddress });
}

function cookieOf(response: Awaited<ReturnType<typeof signIn>>): string {
  const setCookie = response.headers['set-cookie'];
  if (typeof setCookie !== 'string') throw new Error(`no single Set-Cookie: ${JSON.stringify(setCookie)}`);
  return setCookie.split(';', 1)[0] as string;
}

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie for the whole site and answers who signed in', async () => {
    const email = await coordinator();
    const response = await signIn(email.toUpperCase(), PASSWORD, newAddress());
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toMatch(
      /^rutas_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toEqual({
      account: {
        id: expect.any(String),
        email,
        displayName: 'Coordinadora',
        role: 'coordinator',
        jurisdictionIds: ['hn-prueba'],
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(response.body).not.toContain('scrypt');

    const whoAmI = await api.server.inject({
      method: 'GET',
      url: SESSION_PATH,
      headers: { cookie: cookieOf(response) },
    });
    expect(whoAmI.statusCode).toBe(200);
    expect(whoAmI.json()).toEqual(body);

    const log = await api.storage.auditLog();
    expect(log[0]).toMatchObject({ action: 'login', actorAccountId: body.account.id, subject: email });
  });

  it('marks the cookie Secure when the request came over HTTPS', () => {
    expect(sessionCookie('s'.repeat(43), true)).toBe(
      `rutas_session=${'s'.repeat(43)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure`,
    );
  });

  it('answers a wrong password and an unknown email alike, in similar time', async () => {
    const email = await coordinator();
    const address = newAddress();
    const timed = async (who: string) => {
      const started = performance.now();
      const response = await signIn(who, 'not the password at all', address);
      return { response, ms: performance.now() - started };
    };
    const wrong = await timed(email);
    const unknown = await timed('nadie@example.org');
    // Twice more each, alternating, so that one slow moment of the machine does not decide.
    for (let round = 0; round < 2; round++) {
      wrong.ms += (await timed(email)).ms;
      unknown.ms += (await timed('nadie@example.org')).ms;
    }
    expect(wrong.response.statusCode).toBe(401);
    expect(unknown.response.statusCode).toBe(401);
    expect(unknown.response.json()).toEqual(wrong.response.json());
    expect(wrong.response.json()).toEqual({
      error: 'invalid_credentials',
      message: 'The email or the password is wrong',
    });
    expect(unknown.response.headers['set-cookie']).toBeUndefined();
    // Both check a scrypt hash, tens of milliseconds, which dwarfs the difference in database work.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
    expect(unknown.ms).toBeLessThan(wrong.ms * 3);
    expect((await api.storage.auditLog({ limit: 2 })).map((entry) => [entry.action, entry.details.reason])).toEqual([
      ['login_failed', 'unknown_email'],
      ['login_failed', 'wrong_password'],
    ]);
  });

  it('locks the account for 15 minutes after five wrong passwords, even against the right one', async () => {
    const email = await coordinator();
    const address = newAddress();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await signIn(email, `wrong password ${attempt}`, address)).statusCode).toBe(401);
    }
    const fifth = await signIn(email, 'wrong password 5', address);
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toEqual({
      error: 'account_locked',
      message: expect.stringMatching(/locked for 15 more minute/),
    });
    expect(fifth.headers['retry-after']).toBe('900');

    const right = await signIn(email, PASSWORD, address);
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(890);
    expect(right.headers['set-cookie']).toBeUndefined();

    // Fifteen minutes later (the lock's end moved into the past), the right password works again.
    const account = await api.storage.accountByEmail(email);
    await api.storage.updateAccount(account?.id as string, { lockedUntil: new Date(Date.now() - 1000).toISOString() });
    expect((await signIn(email, PASSWORD, address)).statusCode).toBe(200);
  });

  it('makes an address that keeps failing wait, whichever accounts it tries', { timeout: 30_000 }, async () => {
    const address = newAddress();
    for (let attempt = 1; attempt <= 20; attempt++) {
      expect((await signIn(`nobody-${attempt}@example.org`, 'a guessed password', address)).statusCode).toBe(401);
    }
    const email = await coordinator();
    const refused = await signIn(email, PASSWORD, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toBe('too_many_attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(email, PASSWORD, newAddress())).statusCode).toBe(200);
  });

  it('refuses a disabled account, and ends its open sessions', async () => {
    const email = await coordinator();
    const address = newAddress();
    const cookie = cookieOf(await signIn(email, PASSWORD, address));
    await disableAccount(api.storage, email, null);

    const whoAmI = await api.server.inject({ method: 'GET', url: SESSION_PATH, headers: { cookie } });
    expect(whoAmI.statusCode).toBe(401);
    const again = await signIn(email, PASSWORD, address);
    expect(again.statusCode).toBe(403);
    expect(again.json().error).toBe('account_disabled');
    expect((await signIn(email, 'wrong password 1', address)).statusCode).toBe(401);
  });

  it('refuses a missing field with the field named', async () => {
    const response = await api.server.inject({
      method: 'POST',
      url: SESSION_PATH,
      payload: { email: 'ana@example.org' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([{ path: 'body.password', message: expect.any(String) }]);
  });
});

describe('a session', () => {
  it('is refused with 401 without a cookie, with an unknown one, and after signing out', async () => {
    for (const cookie of [undefined, 'rutas_session=nope', `rutas_session=${'A'.repeat(43)}`, 'other=1']) {
      const response = await api.server.inject({
        method: 'GET',
        url: SESSION_PATH,
        headers: cookie ? { cookie } : {},
      });
      expect(response.statusCode, cookie).toBe(401);
      expect(response.json().error).toBe('unauthorized');
    }
  });

  it('signs out only with the CSRF token, then clears the cookie and is gone', async () => {
    const email = await coordinator();
    const response = await signIn(email, PASSWORD, newAddress());
    const cookie = cookieOf(response);
    const { csrfToken } = response.json();

    for (const headers of [
      { cookie },
      { cookie, 'x-csrf-token': 'forged' },
      { cookie, 'x-csrf-token': `${csrfToken}x` },
    ]) {
      const refused = await api.server.inject({ method: 'DELETE', url: SESSION_PATH, headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toBe('csrf');
    }
    expect((await api.server.inject({ method: 'GET', url: SESSION_PATH, headers: { cookie } })).statusCode).toBe(200);

    const out = await api.server.inject({
      method: 'DELETE',
      url: SESSION_PATH,
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(out.headers['set-cookie']).toBe('rutas_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    expect((await api.server.inject({ method: 'GET', url: SESSION_PATH, headers: { cookie } })).statusCode).toBe(401);
    expect((await api.storage.auditLog({ limit: 1 }))[0]).toMatchObject({ action: 'logout', subject: email });
  });

  it('gives the same CSRF token again after a reload, and none that works for another session', async () => {
    const email = await coordinator();
    const first = await signIn(email, PASSWORD, newAddress());
    const second = await signIn(email, PASSWORD, newAddress());
    const reloaded = await api.server.inject({
      method: 'GET',
      url: SESSION_PATH,
      headers: { cookie: cookieOf(first) },
    });
    expect(reloaded.json().csrfToken).toBe(first.json().csrfToken);
    expect(second.json().csrfToken).not.toBe(first.json().csrfToken);
    const crossed = await api.server.inject({
      method: 'DELETE',
      url: SESSION_PATH,
      headers: { cookie: cookieOf(first), 'x-csrf-token': second.json().csrfToken },
    });
    expect(crossed.statusCode).toBe(403);
  });
});
