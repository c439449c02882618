import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordHash, stateHash } from '../../../../src/core/release/records';
import { verifyReleaseHeader } from '../../../../src/core/release/signature';
import { openStorage, type StoreLocation } from '../../../../src/server/storage/open';
import type { Storage } from '../../../../src/server/storage/types';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../../support/database';
import { sampleHandbookInput } from '../../support/handbook-fixture';
import { removeTemporaryDirectory, temporaryDirectory, writeHandbookFolder } from '../../support/handbook-folder';
import { largeHandbookInput } from '../../support/large-handbook';

const PROVIDERS = 2000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  milliseconds: number;
}

/** `rutas publish <folder>` as a coordinator runs it, killed with SIGKILL after `killAfter` ms if given. */
function publishProcess(folder: string, env: Record<string, string>, killAfter?: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/rutas.js', 'publish', folder], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, milliseconds: performance.now() - started });
    });
  });
}

/** Every release in the store is whole — both variants, every record, a state hash and signature that check out. */
async function expectWholeReleases(storage: Storage, jurisdictionId: string): Promise<number[]> {
  const key = await storage.signingKey();
  if (!key) throw new Error('the store has releases but no signing key');
  const numbers = (await storage.releases(jurisdictionId, 'enrolled')).map((r) => r.number);
  expect((await storage.releases(jurisdictionId, 'public')).map((r) => r.number)).toEqual(numbers);
  // A killed publish never takes a number, so the numbers run 1, 2, 3… without gaps.
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  for (const number of numbers) {
    for (const variant of ['public', 'enrolled'] as const) {
      const stored = await storage.release(jurisdictionId, number, variant);
      if (!stored) throw new Error(`release ${number} lacks its ${variant} variant`);
      const hashes = await storage.recordHashes(jurisdictionId, number, variant);
      expect(Object.keys(hashes)).toHaveLength(stored.release.header.recordCount);
      expect(await stateHash(hashes)).toBe(stored.release.header.stateHash);
      expect(await verifyReleaseHeader(stored.release, key.publicKey)).toBe(true);
      const records = await storage.records(Object.values(hashes));
      expect(records.size).toBe(new Set(Object.values(hashes)).size);
      if (number === numbers.at(-1)) {
        for (const [hash, record] of records) expect(await recordHash(record.body)).toBe(hash);
      }
    }
  }
  return numbers;
}

interface Backend {
  name: string;
  iterations: number;
  create(directory: string): Promise<{ env: Record<string, string>; location: StoreLocation; drop(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    iterations: 10,
    async create(directory) {
      const dataDir = join(directory, 'data');
      return { env: { RUTAS_DATA_DIR: dataDir, DATABASE_URL: '' }, location: { dataDir }, drop: async () => {} };
    },
  },
];
if (TEST_DATABASE_URL) {
  const serverUrl = TEST_DATABASE_URL;
  backends.push({
    name: 'PostgreSQL',
    iterations: 4,
    async create() {
      const database: TestDatabase = await createTestDatabase(serverUrl);
      return { env: { DATABASE_URL: database.url }, location: { databaseUrl: database.url }, drop: database.drop };
    },
  });
}

describe.each(backends)('rutas publish processes on $name', (backend) => {
  let directory: string;
  let store: Awaited<ReturnType<Backend['create']>>;
  beforeEach(async () => {
    directory = await temporaryDirectory();
    store = await backend.create(directory);
  });
  afterEach(async () => {
    await store?.drop();
    await removeTemporaryDirectory(directory);
  });

  it('killed with SIGKILL at random moments, leave every release whole or absent', async () => {
    const root = join(directory, 'routes-data');
    const folder = await writeHandbookFolder(root, largeHandbookInput(PROVIDERS, 0));
    const first = await publishProcess(folder, store.env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Published hn-prueba release 1 \(/);

    const outcomes: string[] = [];
    for (let edition = 1; edition <= backend.iterations; edition++) {
      await writeHandbookFolder(root, largeHandbookInput(PROVIDERS, edition));
      // Most of a run is start-up and validation; aim the kills at its last part, where it writes.
      const killAfter = first.milliseconds * (0.6 + Math.random() * 0.45);
      const run = await publishProcess(folder, store.env, killAfter);
      outcomes.push(run.signal ?? `exit ${run.code}`);
      if (run.signal === null) expect(run.code, run.stderr).toBe(0);
    }
    expect(outcomes).toContain('SIGKILL');

    const storage = await openStorage(store.location);
    let numbers: number[];
    try {
      numbers = await expectWholeReleases(storage, 'hn-prueba');
    } finally {
      await storage.close();
    }

    await writeHandbookFolder(root, largeHandbookInput(PROVIDERS, backend.iterations + 1));
    const after = await publishProcess(folder, store.env);
    expect(after.stderr).toBe('');
    expect(after.stdout).toMatch(
      new RegExp(`^Published hn-prueba release ${(numbers.at(-1) ?? 0) + 1} \\(3 records changed\\)`),
    );
    const reopened = await openStorage(store.location);
    try {
      expect(await expectWholeReleases(reopened, 'hn-prueba')).toHaveLength(numbers.length + 1);
      // Changed since the last release that made it: the summary, the provider this edition revises and
      // the one the last landed edition revised. The enrolled variant is read because that last provider
      // may be restricted (every tenth is), and the public variant leaves restricted providers out.
      const changed = (await reopened.latestRelease('hn-prueba', 'enrolled'))?.changelog.map((c) => c.key);
      expect(changed).toHaveLength(3);
      expect(changed).toEqual(
        expect.arrayContaining([
          'jurisdiction',
          `provider/servicio-${String(backend.iterations + 1).padStart(5, '0')}`,
        ]),
      );
    } finally {
      await reopened.close();
    }
  }, 90_000);

  it('started together on an empty store, publish one release and agree on it', async () => {
    const folder = await writeHandbookFolder(join(directory, 'routes-data'), sampleHandbookInput());
    const runs = await Promise.all([1, 2, 3, 4].map(() => publishProcess(folder, store.env)));
    for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const said = runs.map((run) => run.stdout.split('\n')[0]).sort();
    expect(said).toEqual([
      'No changes: hn-prueba stays at release 1',
      'No changes: hn-prueba stays at release 1',
      'No changes: hn-prueba stays at release 1',
      expect.stringMatching(/^Published hn-prueba release 1 \(\d+ records changed\)$/),
    ]);
    const storage = await openStorage(store.location);
    try {
      expect(await expectWholeReleases(storage, 'hn-prueba')).toEqual([1]);
    } finally {
      await storage.close();
    }
  }, 30_000);
});
