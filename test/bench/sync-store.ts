import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadHandbookFolder } from '../../src/server/handbooks/folder';
import { publishHandbook } from '../../src/server/publishing/publish';
import { ensureSigningKey } from '../../src/server/publishing/signing-key';
import { openStorage } from '../../src/server/storage/open';
import { BENCH_2000, changeProviderPhone, writeBenchRoutesData } from './bench-data';
import { PROJECT_ROOT } from './workspace';

export interface SyncStore {
  jurisdictionId: string;
  /** Public providers in the jurisdiction. */
  providers: number;
  /** The store (SQLite, as RUTAS_DATA_DIR) the sync server serves. */
  dataDir: string;
  /** The routes-data folder of the jurisdiction, as a coordinator edits it. */
  folder: string;
  /** The store's public key, which the device pins. */
  publicKey: string;
  /** The latest release number published so far. */
  latest: number;
}

/**
 * A fresh store holding release 1 of the generated 2,000-provider jurisdiction, published
 * with the project's own publishing code (the folder loaded and validated as `rutas publish`
 * does).
 */
export async function createSyncStore(runDir: string): Promise<SyncStore> {
  const dataDir = join(runDir, 'sync-store');
  mkdirSync(dataDir, { recursive: true });
  const { folder, providers } = writeBenchRoutesData(PROJECT_ROOT, join(runDir, 'sync-routes-data'), BENCH_2000);
  const store: SyncStore = { jurisdictionId: BENCH_2000.id, providers, dataDir, folder, publicKey: '', latest: 0 };
  const storage = await openStorage({ dataDir });
  try {
    store.publicKey = (await ensureSigningKey(storage)).publicKey;
  } finally {
    await storage.close();
  }
  store.latest = await publishInProcess(store);
  return store;
}

/** Publishes the folder as it is now, in this process; returns the release number (which must be new). */
export async function publishInProcess(store: SyncStore): Promise<number> {
  const loaded = await loadHandbookFolder(store.folder);
  if (!loaded.ok) throw new Error(`${store.folder} is invalid: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
  const storage = await openStorage({ dataDir: store.dataDir });
  try {
    const outcome = await publishHandbook(storage, loaded.handbook);
    if (outcome.status !== 'created') throw new Error(`publishing ${store.folder} created no release`);
    store.latest = outcome.number;
    return outcome.number;
  } finally {
    await storage.close();
  }
}

/** Changes one provider's phone number in the folder and publishes it in this process. */
export async function publishPhoneChange(store: SyncStore): Promise<number> {
  changeProviderPhone(store.folder, store.latest + 1);
  return publishInProcess(store);
}

const run = promisify(execFile);

/**
 * Changes one provider's phone number and publishes it the way a coordinator does while the
 * server runs: `node bin/rutas.js publish <folder>` with RUTAS_DATA_DIR, in a process of its
 * own. Returns the number of the release the store then holds.
 */
export async function publishPhoneChangeWithCli(store: SyncStore): Promise<{ number: number; ms: number }> {
  changeProviderPhone(store.folder, store.latest + 1);
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, RUTAS_DATA_DIR: store.dataDir };
  delete env.DATABASE_URL;
  const { stdout } = await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'rutas.js'), 'publish', store.folder], {
    cwd: PROJECT_ROOT,
    env,
  });
  const ms = performance.now() - started;
  const number = Number(/^Published \S+ release (\d+)/m.exec(stdout)?.[1]);
  if (number !== store.latest + 1)
    throw new Error(`rutas publish did not publish release ${store.latest + 1}: ${stdout}`);
  store.latest = number;
  return { number, ms };
}
