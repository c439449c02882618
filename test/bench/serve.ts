import type { AddressInfo } from 'node:net';
import { buildServer } from '../../src/server/app';
import { openStorage } from '../../src/server/storage/open';

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

/**
 * A build served by the project's real server (src/server/app.ts) on a free localhost port,
 * over the store in `dataDir` (SQLite) — for an app build, the store it was built from
 * (AppBuild.dataDir), whose key the build pins.
 */
export async function serveBuild(appDir: string, dataDir: string): Promise<ServedApp> {
  const storage = await openStorage({ dataDir });
  try {
    const server = await buildServer({ appDir, storage });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;
    return {
      url: `http://localhost:${port}`,
      close: async () => {
        await server.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
