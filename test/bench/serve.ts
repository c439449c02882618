import type { AddressInfo } from 'node:net';
import { buildServer } from '../../src/server/app';

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

/** A build served by the project's real server (src/server/app.ts) on a free localhost port. */
export async function serveBuild(appDir: string): Promise<ServedApp> {
  const server = await buildServer({ appDir });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return { url: `http://localhost:${port}`, close: () => server.close() };
}
