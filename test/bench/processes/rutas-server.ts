/**
 * The project's real server over a store, in a process of its own (child-server.ts starts
 * it): load generators in the benchmark's process must not share its event loop.
 * Arguments: <appDir> <dataDir>.
 */
import type { AddressInfo } from 'node:net';
import { buildServer } from '../../../src/server/app';
import { openStorage } from '../../../src/server/storage/open';

const [appDir, dataDir] = process.argv.slice(2);
if (!appDir || !dataDir) throw new Error('usage: rutas-server.ts <appDir> <dataDir>');

const storage = await openStorage({ dataDir });
const server = await buildServer({ appDir, storage });
await server.listen({ port: 0, host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => storage.close())
    .finally(() => process.exit(0));
});
process.send?.({ port: (server.server.address() as AddressInfo).port });
