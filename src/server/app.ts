import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { API_ROOT } from '../core/sync/protocol';
import { type AddressThrottles, addressThrottles } from './address-throttle';
import { LatestReleases } from './api/latest-releases';
import { openApiDocument } from './api/openapi';
import { ApiProblem, BODY_LIMIT_BYTES, problemFor } from './api/problems';
import { registerRoutes } from './api/register';
import { ReleaseBodies } from './api/release-bodies';
import { API_ROUTES } from './api/routes';
import { OPENAPI_PATH } from './api/service-routes';
import type { Storage } from './storage/types';

export interface ServerOptions {
  /** The production build of the app (dist/). */
  appDir: string;
  /** The store releases, devices and field reports are read from and written to. */
  storage: Storage;
  /** Fastify's pino logger: `true` for JSON lines on stdout, pino options, or off (the default, for tests). */
  logger?: FastifyServerOptions['logger'];
  /** The clock enrolment and field reports are stamped with. */
  now?: () => Date;
  /** Collect anonymous aggregates from devices (RUTAS_AGGREGATES=on); off by default. */
  aggregates?: boolean;
  /** Limits per client address on the routes that need no account; the defaults of addressThrottles() unless given. */
  throttles?: AddressThrottles;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * How long a browser may keep a file: hashed assets and content-addressed releases never
 * change, so forever; the shell, the service worker and indexes must be checked every time
 * so that an update reaches devices at their next connection.
 */
export function cacheControlFor(path: string): string {
  if (/^\/assets\//.test(path)) return IMMUTABLE;
  if (/^\/handbooks\/[a-z0-9-]+\.[0-9a-f]{16}\.json$/.test(path)) return IMMUTABLE;
  return REVALIDATE;
}

/** One log line per request, when it completes, instead of two: logging is a large share of a manifest check's cost. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

function sendProblem(reply: FastifyReply, problem: ApiProblem) {
  // A refusal is about this request only; no cache may answer the next one with it.
  reply.code(problem.statusCode).header('Cache-Control', 'no-store');
  if (problem.statusCode === 401) reply.header('WWW-Authenticate', 'Bearer realm="rutas"');
  if (problem.headers) reply.headers(problem.headers);
  return reply.send(problem.body);
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const appDir = resolve(options.appDir);
  if (!existsSync(join(appDir, 'index.html'))) {
    throw new Error(`${appDir} holds no built app: run "npm run build" first`);
  }
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT_BYTES,
    // A URL Fastify cannot even route (bad percent-encoding) is answered like every other refusal.
    frameworkErrors: (error, request, reply) => sendProblem(reply, problemFor(error, request.id)),
  });

  // The API reads JSON only; anything else is refused with a 415 before a route runs.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemFor(error, request.id);
    if (problem.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });

  // Before the routes, so that releases (large JSON) and the app's files are compressed.
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });

  await app.register(fastifyStatic, {
    root: appDir,
    index: ['index.html'],
    wildcard: true,
    cacheControl: false,
    setHeaders(response, filePath) {
      const path = `/${filePath
        .slice(appDir.length + 1)
        .split('\\')
        .join('/')}`;
      response.header('Cache-Control', cacheControlFor(path));
      if (path.endsWith('.webmanifest')) response.header('Content-Type', 'application/manifest+json');
    },
  });

  registerRoutes(app, API_ROUTES, {
    storage: options.storage,
    latest: new LatestReleases(options.storage),
    releaseBodies: new ReleaseBodies(),
    now: options.now ?? (() => new Date()),
    throttles: options.throttles ?? addressThrottles(),
    openApi: openApiDocument(API_ROUTES),
    aggregates: options.aggregates ?? false,
  });

  // Deep links (/j/hn-ocotepeque/providers/…) are the app's own routes: answer with the shell.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] as string;
    const isApi = path === API_ROOT || path.startsWith(`${API_ROOT}/`);
    const wantsPage =
      !isApi &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) {
      const hint = isApi ? `; the API's routes are listed at ${OPENAPI_PATH}` : '';
      return sendProblem(reply, new ApiProblem(404, 'not_found', `Nothing at ${request.method} ${path}${hint}`));
    }
    return reply.header('Cache-Control', REVALIDATE).type('text/html').sendFile('index.html');
  });

  return app;
}
