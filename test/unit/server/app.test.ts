import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, cacheControlFor } from '../../../src/server/app';
import { openStorage } from '../../../src/server/storage/open';
import type { Storage } from '../../../src/server/storage/types';
import { removeTemporaryDirectory, temporaryDirectory } from '../support/handbook-folder';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHELL =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/x-abc123.js"></script></body></html>';
const RELEASE_FILE = 'handbooks/hn-x.0123456789abcdef.json';

let appDir: string;
let dataDir: string;
let storage: Storage;
let server: FastifyInstance;

beforeAll(async () => {
  appDir = await temporaryDirectory('rutas-app-');
  await mkdir(join(appDir, 'assets'));
  await mkdir(join(appDir, 'handbooks'));
  await writeFile(join(appDir, 'index.html'), SHELL);
  await writeFile(join(appDir, 'assets', 'x-abc123.js'), 'console.log("app")');
  await writeFile(join(appDir, RELEASE_FILE), '{"format":1}');
  await writeFile(join(appDir, 'handbooks', 'index.json'), `{"format":1,"releases":[{"file":"${RELEASE_FILE}"}]}`);
  await writeFile(join(appDir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  await writeFile(join(appDir, 'manifest.webmanifest'), '{"name":"Rutas"}');
  dataDir = await temporaryDirectory('rutas-data-');
  storage = await openStorage({ dataDir });
  server = await buildServer({ appDir, storage });
});

afterAll(async () => {
  await server?.close();
  await storage?.close();
  await removeTemporaryDirectory(appDir);
  await removeTemporaryDirectory(dataDir);
});

const get = (url: string, accept = '*/*') => server.inject({ method: 'GET', url, headers: { accept } });

describe('serving the built app', () => {
  it.each(['/', '/index.html', '/sw.js', '/handbooks/index.json', '/manifest.webmanifest'])(
    '%s must be revalidated on every visit, so updates reach devices (no-cache)',
    async (url) => {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );

  it.each(['/assets/x-abc123.js', `/${RELEASE_FILE}`])('%s never changes, so it is cached for a year', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('serves the shell at / and the files as they are', async () => {
    expect((await get('/', 'text/html')).body).toBe(SHELL);
    expect((await get('/assets/x-abc123.js')).body).toBe('console.log("app")');
    expect((await get(`/${RELEASE_FILE}`)).json()).toEqual({ format: 1 });
  });

  it('labels the web manifest as a manifest', async () => {
    expect((await get('/manifest.webmanifest')).headers['content-type']).toMatch(/^application\/manifest\+json/);
  });

  it('a deep link opened in the browser gets the app shell (200, no-cache)', async () => {
    const response = await get('/j/hn-ocotepeque/providers/casa', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(SHELL);
  });

  it('a missing file asked for by code gets a JSON 404 with a message, never a 5xx', async () => {
    for (const url of ['/foo.json', '/handbooks/hn-x.ffffffffffffffff.json', '/assets/missing-000000.js']) {
      const response = await get(url, 'application/json');
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toEqual({ error: 'not_found', message: expect.stringContaining(url) });
    }
  });

  it('a write to the static server is a 404, not a crash', async () => {
    const response = await server.inject({ method: 'POST', url: '/j/hn-x', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
  });

  it('does not serve files outside the app folder', async () => {
    const response = await get('/../../etc/passwd', 'text/plain');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('root:');
  });

  it('refuses to start on a folder with no built app, and says to run the build', async () => {
    const empty = await temporaryDirectory('rutas-empty-');
    try {
      await expect(buildServer({ appDir: empty, storage })).rejects.toThrow(/npm run build/);
    } finally {
      await removeTemporaryDirectory(empty);
    }
  });
});

describe('cache rules', () => {
  it('only hashed assets and content-addressed handbooks are immutable', () => {
    expect(cacheControlFor('/assets/index-DtX1.css')).toBe(IMMUTABLE);
    expect(cacheControlFor('/handbooks/hn-ocotepeque.4165fe087739a1bb.json')).toBe(IMMUTABLE);
    expect(cacheControlFor('/handbooks/index.json')).toBe('no-cache');
    expect(cacheControlFor('/handbooks/hn-ocotepeque.json')).toBe('no-cache');
    expect(cacheControlFor('/handbooks/hn-ocotepeque.4165FE087739A1BB.json')).toBe('no-cache');
    expect(cacheControlFor('/sw.js')).toBe('no-cache');
    expect(cacheControlFor('/icons/icon-192.png')).toBe('no-cache');
  });
});
