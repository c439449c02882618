import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from '../../server/app';
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

/** The build is missing, or a source changed after it was made. */
export function buildIsStale(appDir = APP_DIR): boolean {
  const built = join(appDir, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestModification(source) > builtAt);
}

/** `rutas serve`: serves the built app and its sample handbooks on PORT (default 8080). */
export async function serveCommand({ buildIfNeeded }: { buildIfNeeded: boolean }): Promise<number> {
  if (buildIfNeeded && buildIsStale()) {
    console.log('Building the app…');
    const code = await buildCommand();
    if (code !== 0) return code;
  }
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '0.0.0.0';
  const server = await buildServer({ appDir: APP_DIR, logger: true });
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await server.listen({ port, host });
  console.log(`Rutas is running at http://localhost:${port}`);
  return new Promise<number>(() => undefined);
}
