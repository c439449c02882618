import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from './workspace';

export interface AppBuild {
  outDir: string;
  /** Wall-clock build time, for the log only. */
  seconds: number;
  /**
   * Files vite-plugin-pwa refused to precache for exceeding workbox's 2 MiB default
   * (`injectManifest.maximumFileSizeToCacheInBytes`): it then fails the build, after having
   * written every file including sw.js (without them in its precache manifest).
   */
  notPrecached: { file: string; size: string }[];
}

const TOO_BIG = /maximumFileSizeToCacheInBytes/;

/**
 * Builds the app with the project's own vite.config.ts into `outDir` (never dist/, which the
 * end-to-end tests serve). `routesData` is the routes-data folder whose handbooks get bundled:
 * the config reads RUTAS_ROUTES_DATA when it is loaded, i.e. during this build() call.
 *
 * `tolerateOversizedPrecache` lets a build whose only failure is an asset too big to precache
 * go on (the benchmark's 5,000-provider handbook is one); the files are reported.
 */
export async function buildApp(
  outDir: string,
  { routesData = join(PROJECT_ROOT, 'routes-data'), tolerateOversizedPrecache = false } = {},
): Promise<AppBuild> {
  const previous = process.env.RUTAS_ROUTES_DATA;
  process.env.RUTAS_ROUTES_DATA = routesData;
  const started = performance.now();
  let notPrecached: AppBuild['notPrecached'] = [];
  try {
    await build({
      configFile: join(PROJECT_ROOT, 'vite.config.ts'),
      root: PROJECT_ROOT,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } catch (error) {
    const message = String((error as Error).message ?? error);
    if (!tolerateOversizedPrecache || !TOO_BIG.test(message)) throw error;
    notPrecached = [...message.matchAll(/^\s*- (\S+) is ([\d.]+ \w?B)/gm)].map((m) => ({
      file: m[1] as string,
      size: m[2] as string,
    }));
    assertBuilt(outDir);
  } finally {
    if (previous === undefined) delete process.env.RUTAS_ROUTES_DATA;
    else process.env.RUTAS_ROUTES_DATA = previous;
  }
  return { outDir, seconds: (performance.now() - started) / 1000, notPrecached };
}

/** After a tolerated failure: the app, its manifest and a service worker with a precache list are all there. */
function assertBuilt(outDir: string): void {
  for (const file of ['index.html', '.vite/manifest.json', 'sw.js']) {
    if (!existsSync(join(outDir, file))) throw new Error(`the build wrote no ${file}`);
  }
  if (!readFileSync(join(outDir, 'sw.js'), 'utf8').includes('"url":"index.html"')) {
    throw new Error('the build wrote a service worker without its precache manifest');
  }
}
