import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE } from '../../../../src/server/storage/open';
import { removeTemporaryDirectory, temporaryDirectory } from '../../support/handbook-folder';
import { storageContract } from './storage-contract';

storageContract(
  'SQLite',
  async () => {
    const dataDir = join(await temporaryDirectory('rutas-sqlite-'), 'data');
    return {
      location: { dataDir },
      async count(table) {
        const database = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
        try {
          return (database.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        } finally {
          database.close();
        }
      },
      dispose: () => removeTemporaryDirectory(join(dataDir, '..')),
    };
  },
  { parallelConnections: false },
);
