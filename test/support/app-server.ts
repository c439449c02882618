import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildCommand } from '../../src/cli/commands/build';
import { buildIsStale } from '../../src/cli/commands/serve';
import { buildServer } from '../../src/server/app';
import { publishFirstReleases } from '../../src/server/publishing/first-run';
import { ensureSigningKey } from '../../src/server/publishing/signing-key';
import { openStorage } from '../../src/server/storage/open';
import type { Storage } from '../../src/server/storage/types';

export interface RunningApp {
  url: string;
  /** The server's own store: tests publish into it as a coordinator would. */
  dataDir: string;
  storage: Storage;
  close(): Promise<void>;
}

/** The end-to-end tests' own build and the store it was built from, apart from `npm start`'s dist/ and data/. */
export const E2E_APP_DIR = resolve('test/e2e/.dist');
const BUILD_DATA_DIR = resolve('test/e2e/.build-data');

async function storeKey(dataDir: string): Promise<string> {
  const storage = await openStorage({ dataDir });
  try {
    await publishFirstReleases(storage, resolve('routes-data'));
    return (await ensureSigningKey(storage)).publicKey;
  } finally {
    await storage.close();
  }
}

/**
 * Vitest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds: React's development runtime
 * would end up in the bundle. The tests exercise what `npm start` serves, so the build runs as
 * production.
 */
async function buildWithStore(appDir: string, dataDir: string): Promise<void> {
  const previous = { RUTAS_DATA_DIR: process.env.RUTAS_DATA_DIR, NODE_ENV: process.env.NODE_ENV };
  process.env.RUTAS_DATA_DIR = dataDir;
  process.env.NODE_ENV = 'production';
  try {
    if ((await buildCommand({ outDir: appDir })) !== 0) throw new Error('The app failed to build');
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * The production build served by the real server on a free localhost port, over a fresh
 * copy of the store the build was made from: same signing key and releases, and whatever a
 * test publishes stays in this run.
 */
export async function startBuiltApp(appDir = E2E_APP_DIR): Promise<RunningApp> {
  const key = await storeKey(BUILD_DATA_DIR);
  if (buildIsStale(appDir, key)) await buildWithStore(appDir, BUILD_DATA_DIR);
  const dataDir = await mkdtemp(join(tmpdir(), 'rutas-e2e-store-'));
  await copyFile(join(BUILD_DATA_DIR, 'rutas.sqlite'), join(dataDir, 'rutas.sqlite'));
  const storage = await openStorage({ dataDir });
  const server: FastifyInstance = await buildServer({ appDir, storage });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    dataDir,
    storage,
    async close() {
      await server.close();
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
