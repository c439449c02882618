import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the storage suite runs against. CI sets it; on a developer machine
 * without it the PostgreSQL suite is skipped and says so.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase {
  /** Connection string of a database no other test run uses. */
  url: string;
  drop(): Promise<void>;
}

async function administer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer at ${serverUrl}: ${String(error)}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, empty database on the test server; a missing server is an error, never a skip. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `rutas_test_${randomBytes(6).toString('hex')}`;
  await administer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      administer(serverUrl, async (client) => {
        // Closed pools let go of their sessions a moment later; forcing them out would make the
        // closing clients report a terminated connection as an uncaught error.
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name}`);
            return;
          } catch (error) {
            if ((error as { code?: string }).code !== '55006') throw error;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
