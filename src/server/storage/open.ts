import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { KyselyStorage } from './kysely-storage';
import type { StoreTables } from './schema';
import type { Storage } from './types';

export interface StoreLocation {
  /** Folder of the embedded SQLite store (default ./data); ignored when databaseUrl is given. */
  dataDir?: string;
  /** A PostgreSQL connection string; when set, the store lives there. */
  databaseUrl?: string;
}

export const SQLITE_FILE = 'rutas.sqlite';

/** How long a write waits for another process (the CLI publishing while the server runs) to finish. */
const BUSY_TIMEOUT_MS = 10_000;

function openSqlite(file: string): Kysely<StoreTables> {
  const database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  // WAL lets the server keep reading while the CLI writes a release; foreign keys are off by default in SQLite.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return new Kysely<StoreTables>({ dialect: new SqliteDialect({ database }) });
}

/** Opens the store — PostgreSQL when a URL is given, otherwise `<dataDir>/rutas.sqlite` — and migrates it. */
export async function openStorage(location: StoreLocation = {}): Promise<Storage> {
  let storage: KyselyStorage;
  if (location.databaseUrl) {
    const pool = new pg.Pool({ connectionString: location.databaseUrl, max: 10 });
    storage = new KyselyStorage(new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
  } else {
    const dataDir = resolve(location.dataDir ?? 'data');
    await mkdir(dataDir, { recursive: true });
    storage = new KyselyStorage(openSqlite(join(dataDir, SQLITE_FILE)), 'sqlite');
  }
  try {
    await storage.migrate();
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

/** The store the server and the CLI share: DATABASE_URL, else RUTAS_DATA_DIR (default ./data). */
export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Storage> {
  return openStorage({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.RUTAS_DATA_DIR || undefined });
}
