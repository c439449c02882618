import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { SignedIn } from '../accounts/sessions';
import type { AddressThrottles } from '../address-throttle';
import type { Device, Storage } from '../storage/types';
import type { LatestReleases } from './latest-releases';
import type { Permission } from './permissions';
import type { ReleaseBodies } from './release-bodies';

/**
 * Who may call a route: anyone; only a device enrolled in the jurisdiction named by the
 * route's `id` parameter (bearer device token); anyone, but a token, when sent, must be valid;
 * or a person signed in to the console (session cookie, and on unsafe methods the CSRF header).
 */
export type RouteAuth = 'none' | 'device' | 'optional-device' | 'account';

export interface RouteResponse {
  status: number;
  description: string;
  /** The JSON body; none for a 304. */
  schema?: z.ZodType;
  /** Response headers worth documenting, name → description. */
  headers?: Record<string, string>;
}

/** What every handler may use; one per running server. */
export interface ApiContext {
  storage: Storage;
  latest: LatestReleases;
  releaseBodies: ReleaseBodies;
  now(): Date;
  /** Limits per client address on the routes that need no account. */
  throttles: AddressThrottles;
  /** The OpenAPI document of this very table. */
  openApi: object;
  /** Whether this deployment collects anonymous aggregates (RUTAS_AGGREGATES=on). */
  aggregates: boolean;
}

export interface RouteInput<Params, Body> {
  params: Params;
  body: Body;
  /** The device whose token came with the request (always set on `device` routes). */
  device: Device | undefined;
  /** The signed-in person and their session (always set on `account` routes). */
  signedIn: SignedIn | undefined;
  /** Where the request came from, and whether over HTTPS (which makes the session cookie Secure). */
  client: { address: string; secure: boolean };
  headers: IncomingHttpHeaders;
  context: ApiContext;
}

/** What a handler answers; refusals are thrown as ApiProblem instead. */
export interface Answer {
  status: number;
  body?: unknown;
  /** A body already serialised as JSON (cached manifests), sent as it is. */
  json?: string;
  headers?: Record<string, string>;
}

/**
 * One endpoint, declared once: the server registers it from this entry and the OpenAPI
 * document describes it from the same entry, so the two cannot drift apart.
 */
export interface ApiRoute<P extends z.ZodObject = z.ZodObject, B extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify syntax, `:name` for a path parameter. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  auth: RouteAuth;
  /** On `account` routes: who may call it; jurisdiction permissions apply to the `id` path parameter. */
  permission?: Permission;
  params?: P;
  body?: B;
  /** The largest body this route reads, when it needs more than the API's default. */
  bodyLimit?: number;
  responses: RouteResponse[];
  handle(input: RouteInput<z.output<P>, z.output<B>>): Promise<Answer>;
}

/** Checks a route against its own schemas, then files it in the table under one type. */
export function defineRoute<P extends z.ZodObject, B extends z.ZodType>(route: ApiRoute<P, B>): ApiRoute {
  return route as unknown as ApiRoute;
}
