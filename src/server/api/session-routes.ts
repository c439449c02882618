import type { z } from 'zod';
import { LoginRequestSchema, SESSION_PATH, SessionSchema } from '../../core/console/protocol';
import { csrfTokenFor, LOCK_MINUTES, login, logout, sessionCookie } from '../accounts/sessions';
import type { Account } from '../storage/types';
import { ApiProblem, tooOften } from './problems';

export { LoginRequestSchema, SESSION_PATH, SessionSchema };

import { type ApiRoute, defineRoute } from './route-table';

/** What the console may know about the signed-in person: no password hash, no lock state. */
function sessionBody(account: Account, secret: string): z.output<typeof SessionSchema> {
  const { id, email, displayName, role, jurisdictionIds } = account;
  return { account: { id, email, displayName, role, jurisdictionIds }, csrfToken: csrfTokenFor(secret) };
}

const NO_STORE = { 'Cache-Control': 'no-store' };

const loginRoute = defineRoute({
  method: 'POST',
  path: SESSION_PATH,
  operationId: 'signIn',
  summary: 'Sign in to the console with an email and password',
  description:
    'Sets the session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). A wrong email and a wrong ' +
    `password get the same answer. After five wrong passwords in a row the account is locked for ${LOCK_MINUTES} ` +
    'minutes; too many failures from one address make that address wait too.',
  auth: 'none',
  body: LoginRequestSchema,
  responses: [
    { status: 200, description: 'Signed in', schema: SessionSchema, headers: { 'Set-Cookie': 'The session cookie' } },
    { status: 401, description: 'The email or the password is wrong (`invalid_credentials`)' },
    {
      status: 403,
      description: 'The account is disabled (`account_disabled`); said only to whoever knows the password',
    },
    {
      status: 429,
      description: 'The account is locked (`account_locked`) or this address tried too often (`too_many_attempts`)',
      headers: { 'Retry-After': 'Seconds to wait before trying again' },
    },
  ],
  async handle({ body, client, context }) {
    const outcome = await login(
      context.storage,
      context.throttles.signIn,
      { email: body.email, password: body.password, address: client.address },
      context.now(),
    );
    if (outcome.ok) {
      return {
        status: 200,
        body: sessionBody(outcome.account, outcome.secret),
        headers: { ...NO_STORE, 'Set-Cookie': sessionCookie(outcome.secret, client.secure) },
      };
    }
    switch (outcome.reason) {
      case 'invalid':
        throw new ApiProblem(401, 'invalid_credentials', 'The email or the password is wrong');
      case 'disabled':
        throw new ApiProblem(403, 'account_disabled', 'This account is disabled; ask an administrator');
      case 'locked': {
        const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
        throw new ApiProblem(
          429,
          'account_locked',
          `Too many wrong passwords: this account is locked for ${minutes} more minute(s). ` +
            'Wait, or ask an administrator to reset the password',
          undefined,
          { 'Retry-After': String(outcome.retryAfterSeconds) },
        );
      }
      case 'throttled':
        throw tooOften('too_many_attempts', 'Too many failed sign-ins from this address', outcome.retryAfterSeconds);
    }
  },
});

const whoAmIRoute = defineRoute({
  method: 'GET',
  path: SESSION_PATH,
  operationId: 'getSession',
  summary: 'Who is signed in, and the CSRF token of the session',
  auth: 'account',
  responses: [{ status: 200, description: 'The signed-in account', schema: SessionSchema, headers: NO_STORE }],
  async handle({ signedIn }) {
    if (!signedIn) throw new Error('account route without a session');
    return { status: 200, body: sessionBody(signedIn.account, signedIn.secret), headers: NO_STORE };
  },
});

const logoutRoute = defineRoute({
  method: 'DELETE',
  path: SESSION_PATH,
  operationId: 'signOut',
  summary: 'Sign out: the session ends and the cookie is cleared',
  auth: 'account',
  responses: [{ status: 204, description: 'Signed out', headers: { 'Set-Cookie': 'Clears the session cookie' } }],
  async handle({ signedIn, client, context }) {
    if (!signedIn) throw new Error('account route without a session');
    await logout(context.storage, signedIn, context.now());
    return { status: 204, headers: { ...NO_STORE, 'Set-Cookie': sessionCookie(undefined, client.secure) } };
  },
});

export const SESSION_ROUTES: readonly ApiRoute[] = [loginRoute, whoAmIRoute, logoutRoute];
