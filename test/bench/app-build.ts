import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from './workspace';

export interface AppBuild {
  outDir: string;
  /**
   * The server's store the build was made from (RUTAS_DATA_DIR): the build publishes the
   * routes-data folder there and bundles its signed releases and pins its public key, so the
   * build must be served over this same store.
   */
  dataDir: string;
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
 * the config reads RUTAS_ROUTES_DATA when it is loaded, i.e. during this build() call. The
 * build opens the server's store through RUTAS_DATA_DIR, set here to `dataDir` (by default a
 * fresh folder beside `outDir`, never the developer's ./data); DATABASE_URL is hidden from it.
 *
 * `tolerateOversizedPrecache` lets a build whose only failure is an asset too big to precache
 * go on (the benchmark's 5,000-provider handbook is one); the files are reported.
 */
export async function buildApp(
  outDir: string,
  {
    routesData = join(PROJECT_ROOT, 'routes-data'),
    dataDir = `${outDir}-store`,
    tolerateOversizedPrecache = false,
  }: { routesData?: string; dataDir?: string; tolerateOversizedPrecache?: boolean } = {},
): Promise<AppBuild> {
  const previous = {
    RUTAS_ROUTES_DATA: process.env.RUTAS_ROUTES_DATA,
    RUTAS_DATA_DIR: process.env.RUTAS_DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
  };
  process.env.RUTAS_ROUTES_DATA = routesData;
  process.env.RUTAS_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
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
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { outDir, dataDir, seconds: (performance.now() - started) / 1000, notPrecached };
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
