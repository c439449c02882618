import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { openStorage } from '../../src/server/storage/open';
import { E2E_APP_DIR } from '../support/app-server';
import {
  type AppSession,
  appUrl,
  expectHeading,
  openBrowser,
  openScreen,
  SCREEN_TIMEOUT,
  waitForServiceWorker,
} from './support-app';
import { ui } from './support-data';

/** The production build the end-to-end server serves (see test/support/app-server.ts). */
const DIST = E2E_APP_DIR;

interface ReleaseIndex {
  releases: { jurisdictionId: string; file: string }[];
}

async function get(path: string, accept = '*/*') {
  return fetch(appUrl(path), { headers: { accept } });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('web app manifest', () => {
  it('is linked from the page and has what an install needs', async () => {
    const html = await (await get('/', 'text/html')).text();
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);

    const response = await get('/manifest.webmanifest');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = (await response.json()) as Record<string, unknown>;
    for (const field of ['name', 'short_name', 'id', 'start_url']) {
      expect(typeof manifest[field], field).toBe('string');
      expect((manifest[field] as string).length, field).toBeGreaterThan(0);
    }
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(new URL(manifest.start_url as string, appUrl()).origin).toBe(new URL(appUrl()).origin);

    const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[];
    const purposes = (icon: { purpose?: string }) => (icon.purpose ?? 'any').split(/\s+/);
    const any = icons.filter((icon) => purposes(icon).includes('any'));
    expect(any.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // A maskable icon of its own: one icon for both would be cropped as "any" or padded as maskable.
    const maskable = icons.filter((icon) => purposes(icon).includes('maskable'));
    expect(maskable.length).toBeGreaterThan(0);
    for (const icon of maskable) expect(purposes(icon)).toEqual(['maskable']);

    for (const icon of icons) {
      const image = await get(icon.src);
      expect(image.status, icon.src).toBe(200);
      expect(image.headers.get('content-type'), icon.src).toBe('image/png');
      expect(icon.type).toBe('image/png');
      const { width, height } = pngSize(new Uint8Array(await image.arrayBuffer()));
      expect(`${width}x${height}`, `${icon.src} is the size it declares`).toBe(icon.sizes);
    }
  });
});

/** Every file under assets/, the console's sub-folder included, relative to it (`index-….js`, `console/…`). */
function builtAssets(): string[] {
  return readdirSync(join(DIST, 'assets'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(join(DIST, 'assets'), join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe('cache headers', () => {
  it('the shell, the worker and indexes are revalidated; hashed files are immutable', async () => {
    const html = await get('/', 'text/html');
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const shell = await html.text();
    expect((await get('/index.html', 'text/html')).headers.get('cache-control')).toBe('no-cache');
    const deepLink = await get('/j/hn-ocotepeque/providers/hospital-ocotepeque', 'text/html');
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toContain('text/html');
    expect(deepLink.headers.get('cache-control')).toBe('no-cache');

    const worker = await get('/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toContain('javascript');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/manifest.webmanifest')).headers.get('cache-control')).toBe('no-cache');

    const assets = [...shell.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThan(0);
    for (const file of builtAssets()) assets.push(`/assets/${file}`);
    for (const asset of new Set(assets)) {
      const response = await get(asset);
      expect(response.status, asset).toBe(200);
      const cacheControl = response.headers.get('cache-control') ?? '';
      expect(cacheControl, asset).toContain('immutable');
      expect(cacheControl, asset).toMatch(/max-age=31536000/);
    }

    const index = await get('/handbooks/index.json');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const { releases } = (await index.json()) as ReleaseIndex;
    expect(releases.length).toBeGreaterThanOrEqual(3);
    for (const release of releases) {
      const response = await get(`/${release.file}`);
      expect(response.status, release.file).toBe(200);
      expect(response.headers.get('cache-control'), release.file).toContain('immutable');
    }

    // Files that do not exist are a 404, not the app shell.
    const missing = await get('/handbooks/nowhere.0123456789abcdef.json', 'application/json');
    expect(missing.status).toBe(404);
  });
});

describe('service worker', () => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'en-US' });
    await openScreen(session.page, '/j/hn-ocotepeque');
    await waitForServiceWorker(session.page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('precaches the shell, every script and style, and every bundled handbook', async () => {
    const cached = await session.page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) {
          const url = new URL(request.url);
          urls.push(url.pathname);
        }
      }
      return urls;
    });
    const { releases } = (await (await get('/handbooks/index.json')).json()) as ReleaseIndex;
    const expected = [
      '/index.html',
      '/manifest.webmanifest',
      '/handbooks/index.json',
      ...releases.map((release) => `/${release.file}`),
      ...builtAssets()
        .filter((file) => !file.startsWith('console/'))
        .map((file) => `/assets/${file}`),
    ];
    for (const path of expected) expect(cached, `${path} is precached`).toContain(path);
    // The coordinator console (assets/console/) is for a connected laptop: a phone never downloads it.
    expect(builtAssets().filter((file) => file.startsWith('console/')).length).toBeGreaterThan(0);
    expect(cached.filter((path) => path.startsWith('/assets/console/'))).toEqual([]);
    for (const id of ['hn-ocotepeque', 'mx-tapachula', 'bz-benque-viejo']) {
      expect(
        cached.some((path) => new RegExp(`^/handbooks/${id}\\.[0-9a-f]{16}\\.json$`).test(path)),
        id,
      ).toBe(true);
    }
  });

  it('is registered for the whole app and controls the page', async () => {
    const registration = await session.page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return {
        scope: reg?.scope,
        script: reg?.active?.scriptURL,
        controller: navigator.serviceWorker.controller?.scriptURL,
      };
    });
    expect(registration.scope).toBe(appUrl('/'));
    expect(registration.script).toBe(appUrl('/sw.js'));
    expect(registration.controller).toBe(appUrl('/sw.js'));
  });
});

/**
 * A new version must wait for the worker to choose to reload. Playwright's page.route and
 * context.route do not see the browser's own update check of the service worker script
 * (tried, with and without PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS: the request never
 * reaches the handler), so the test serves a private copy of the build with the real server
 * and changes its sw.js on disk, which is what a deployment does.
 */
describe('update prompt', () => {
  let appDir: string;
  let origin: string;
  let close: () => Promise<unknown>;

  beforeAll(async () => {
    appDir = mkdtempSync(join(tmpdir(), 'rutas-update-'));
    cpSync(DIST, appDir, { recursive: true });
    const storage = await openStorage({ dataDir: inject('appDataDir') });
    const server = await buildServer({ appDir, storage });
    await server.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://localhost:${(server.server.address() as AddressInfo).port}`;
    close = async () => {
      await server.close();
      await storage.close();
    };
  });

  afterAll(async () => {
    await close?.();
    rmSync(appDir, { recursive: true, force: true });
  });

  const marked = (page: Page) => page.evaluate(() => (window as unknown as { rutasMarker?: string }).rutasMarker);
  const waiting = (page: Page) =>
    page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));

  it('announces a new version with a reload button and never reloads by itself', async () => {
    const { page, close: closeBrowser } = await openBrowser({ locale: 'en-US' });
    try {
      await page.goto(`${origin}/j/hn-ocotepeque/providers?lng=en`);
      await expectHeading(page, ui('en', 'providers.title'));
      await waitForServiceWorker(page);
      const prompt = page.getByRole('status').filter({ hasText: ui('en', 'update.ready') });
      expect(await prompt.count()).toBe(0);

      // The worker is half-way through a search when a new version is published.
      await page.evaluate(() => {
        (window as unknown as { rutasMarker?: string }).rutasMarker = 'this page was not reloaded';
      });
      await page.locator('#provider-search').fill('hospital');
      appendFileSync(join(appDir, 'sw.js'), `\n// a new version, ${new Date().toISOString()}\n`);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });

      await prompt.waitFor({ timeout: SCREEN_TIMEOUT * 2 });
      const reload = prompt.getByRole('button', { name: ui('en', 'update.reload') });
      await reload.waitFor();
      expect(await waiting(page), 'the new worker waits').toBe(true);
      await page.waitForTimeout(1_500);
      expect(await marked(page)).toBe('this page was not reloaded');
      expect(await page.locator('#provider-search').inputValue()).toBe('hospital');
      expect(await waiting(page), 'the new worker still waits').toBe(true);

      // "Later" puts the prompt away without reloading.
      await prompt.getByRole('button', { name: ui('en', 'update.later') }).click();
      await prompt.waitFor({ state: 'detached' });
      expect(await marked(page)).toBe('this page was not reloaded');

      // The next time the app opens, the waiting version is offered again; "Reload now" installs it.
      await page.reload();
      await prompt.waitFor({ timeout: SCREEN_TIMEOUT * 2 });
      await page.evaluate(() => {
        (window as unknown as { rutasMarker?: string }).rutasMarker = 'before the chosen reload';
      });
      await reload.click();
      // On a loaded CI machine the activation and reload have taken longer than one screen timeout.
      await page.waitForFunction(
        () => !(window as unknown as { rutasMarker?: string }).rutasMarker && document.querySelector('main h1'),
        undefined,
        { timeout: SCREEN_TIMEOUT * 2 },
      );
      await page.waitForFunction(async () => !(await navigator.serviceWorker.getRegistration())?.waiting);
      await expectHeading(page, ui('en', 'providers.title'));
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await prompt.count()).toBe(0);
    } finally {
      await closeBrowser();
    }
  });
});
