// A server process for the shutdown test: `node --import tsx run-server-child.ts <appDir> <dataDir>`.
import { runServer } from '../../../../src/server/main';
import { openStorage } from '../../../../src/server/storage/open';

const [appDir, dataDir] = process.argv.slice(2) as [string, string];
const storage = await openStorage({ dataDir });
process.exitCode = await runServer({ appDir, storage, port: 0, host: '127.0.0.1', logger: { level: 'info' } });
