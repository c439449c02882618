import pg from 'pg';
import { describe, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_URL } from '../../support/database';
import { storageContract } from './storage-contract';

if (TEST_DATABASE_URL) {
  const serverUrl = TEST_DATABASE_URL;
  storageContract(
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase(serverUrl);
      return {
        location: { databaseUrl: database.url },
        async count(table) {
          const client = new pg.Client({ connectionString: database.url });
          await client.connect();
          try {
            const result = await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
            return result.rows[0]?.n ?? 0;
          } finally {
            await client.end();
          }
        },
        dispose: database.drop,
      };
    },
    { parallelConnections: true },
  );
} else {
  describe('storage on PostgreSQL', () => {
    it.skip('needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test); .ci/run sets it', () => {});
  });
}
