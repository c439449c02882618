import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

export interface ServerOptions {
  /** The production build of the app (dist/). */
  appDir: string;
  logger?: boolean;
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

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const appDir = resolve(options.appDir);
  if (!existsSync(join(appDir, 'index.html'))) {
    throw new Error(`${appDir} holds no built app: run "npm run build" first`);
  }
  const app = Fastify({ logger: options.logger ?? false });

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

  // Deep links (/j/hn-ocotepeque/providers/…) are the app's own routes: answer with the shell.
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) {
      return reply.code(404).send({ error: 'not_found', message: `Nothing at ${request.url}` });
    }
    return reply.header('Cache-Control', REVALIDATE).type('text/html').sendFile('index.html');
  });

  return app;
}
