import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { aggregatesFromEnv } from '../../server/aggregates/setting';
import { pinnedPublicKey } from '../../server/handbooks/bundle';
import { runServer } from '../../server/main';
import { publishFirstReleases } from '../../server/publishing/first-run';
import { ensureSigningKey } from '../../server/publishing/signing-key';
import { storageFromEnv } from '../../server/storage/open';
import { buildCommand } from './build';

const APP_DIR = 'dist';
const SOURCES = ['src', 'locales', 'routes-data', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestModification(join(path, entry))),
    stat.mtimeMs,
  );
}

/**
 * The build is missing, a source changed after it was made, or it pins another public key
 * than the store signs with (a new store): its devices would refuse every release.
 */
export function buildIsStale(appDir = APP_DIR, publicKey?: string): boolean {
  const built = join(appDir, 'index.html');
  const index = join(appDir, 'handbooks', 'index.json');
  if (!existsSync(built) || !existsSync(index)) return true;
  if (publicKey !== undefined && pinnedPublicKey(readFileSync(index, 'utf8')) !== publicKey) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestModification(source) > builtAt);
}

/**
 * `rutas serve`: opens the store (RUTAS_DATA_DIR / DATABASE_URL), publishes the handbooks
 * of routes-data/ (RUTAS_ROUTES_DATA) that have no release yet, and serves the built app and
 * the sync API on PORT (default 8080) until SIGINT or SIGTERM. Anonymous aggregates are
 * collected only with RUTAS_AGGREGATES=on.
 */
export async function serveCommand({ buildIfNeeded }: { buildIfNeeded: boolean }): Promise<number> {
  // Read before anything is opened: a mistyped setting stops the start instead of being guessed.
  const aggregates = aggregatesFromEnv();
  const storage = await storageFromEnv();
  try {
    await publishFirstReleases(storage, process.env.RUTAS_ROUTES_DATA ?? 'routes-data');
    const { publicKey } = await ensureSigningKey(storage);
    if (buildIfNeeded && buildIsStale(APP_DIR, publicKey)) {
      console.log('Building the app…');
      const code = await buildCommand();
      if (code !== 0) {
        await storage.close();
        return code;
      }
    }
  } catch (error) {
    await storage.close();
    throw error;
  }
  return runServer({
    appDir: APP_DIR,
    storage,
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '0.0.0.0',
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    aggregates,
  });
}
