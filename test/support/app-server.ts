import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildCommand } from '../../src/cli/commands/build';
import { buildIsStale } from '../../src/cli/commands/serve';
import { buildServer } from '../../src/server/app';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** The production build served by the real server on a free localhost port. */
export async function startBuiltApp(appDir = 'dist'): Promise<RunningApp> {
  if (buildIsStale(appDir) && (await buildCommand()) !== 0) throw new Error('The app failed to build');
  const server: FastifyInstance = await buildServer({ appDir });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return { url: `http://localhost:${port}`, close: () => server.close() };
}
