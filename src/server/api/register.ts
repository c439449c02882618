import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CSRF_HEADER, csrfTokenFor, type SignedIn, sessionFor, sessionSecretFrom } from '../accounts/sessions';
import { deviceForToken } from '../enrolment/codes';
import type { Device, Storage } from '../storage/types';
import { allows } from './permissions';
import { ApiProblem, invalidRequest } from './problems';
import type { ApiContext, ApiRoute, RouteAuth } from './route-table';

const unauthorized = (message: string) => new ApiProblem(401, 'unauthorized', message);

/** The device behind the request's bearer token; refuses a bad token even where none is needed. */
async function authenticate(
  auth: RouteAuth,
  header: string | undefined,
  storage: Storage,
): Promise<Device | undefined> {
  if (auth === 'none') return undefined;
  if (header === undefined) {
    if (auth === 'optional-device') return undefined;
    throw unauthorized('This needs the device token from enrolment, sent as "Authorization: Bearer <token>"');
  }
  const token = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header)?.[1];
  if (!token) throw unauthorized('Send the device token as "Authorization: Bearer <token>"');
  const device = await deviceForToken(storage, token);
  if (!device) throw unauthorized('The device token is unknown; enrol the device again');
  if (device.revokedAt) throw unauthorized('This device was revoked; ask a coordinator for a new enrolment code');
  return device;
}

/** Methods that change something: a signed-in request with one of these must prove it comes from the console. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The person signed in with the request's session cookie; on unsafe methods, the CSRF header must match. */
async function authenticateAccount(request: FastifyRequest, context: ApiContext): Promise<SignedIn> {
  const secret = sessionSecretFrom(request.headers.cookie);
  if (!secret) throw unauthorized('Sign in first: this needs the session cookie from POST /api/v1/session');
  const signedIn = await sessionFor(context.storage, secret, context.now());
  if (!signedIn) throw unauthorized('The session has ended or the account is disabled; sign in again');
  if (UNSAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], csrfTokenFor(secret))) {
    throw new ApiProblem(
      403,
      'csrf',
      `Send the csrfToken from sign-in in the ${CSRF_HEADER} header; the request was not carried out`,
    );
  }
  return signedIn;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: 'params' | 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(part, result.error);
  return result.data;
}

function readBody(route: ApiRoute, request: FastifyRequest): unknown {
  if (!route.body) return undefined;
  // Fastify refuses other content types with a 415 before the handler runs; a body-less request arrives here.
  if (request.body === undefined) {
    throw new ApiProblem(400, 'missing_body', 'The request has no body; send JSON with Content-Type: application/json');
  }
  return parse(route.body, request.body, 'body');
}

async function answer(route: ApiRoute, context: ApiContext, request: FastifyRequest, reply: FastifyReply) {
  const signedIn = route.auth === 'account' ? await authenticateAccount(request, context) : undefined;
  const device =
    route.auth === 'account'
      ? undefined
      : await authenticate(route.auth, request.headers.authorization, context.storage);
  const params = route.params ? parse(route.params, request.params, 'params') : {};
  if (route.auth === 'device' && device?.jurisdictionId !== (params as { id?: string }).id) {
    throw new ApiProblem(403, 'forbidden', 'This device is enrolled in another jurisdiction');
  }
  if (signedIn && !allows(signedIn.account, route.permission ?? 'signed-in', (params as { id?: string }).id)) {
    throw new ApiProblem(403, 'forbidden', 'Your account may not do this here; ask an administrator');
  }
  const body = readBody(route, request);
  const client = { address: request.ip, secure: request.protocol === 'https' };
  const result = await route.handle({ params, body, device, signedIn, client, headers: request.headers, context });
  reply.code(result.status);
  if (result.headers) reply.headers(result.headers);
  if (result.json !== undefined) return reply.type('application/json; charset=utf-8').send(result.json);
  return reply.send(result.body);
}

/** Registers every route of the table; refusals are thrown and answered by the server's error handler. */
export function registerRoutes(app: FastifyInstance, routes: readonly ApiRoute[], context: ApiContext): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      ...(route.bodyLimit && { bodyLimit: route.bodyLimit }),
      handler: (request, reply) => answer(route, context, request, reply),
    });
  }
}
