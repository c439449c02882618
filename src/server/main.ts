import type { AddressInfo } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import { buildServer } from './app';
import type { Storage } from './storage/types';

export interface RunOptions {
  appDir: string;
  storage: Storage;
  port: number;
  host: string;
  logger?: FastifyServerOptions['logger'];
  /** How long requests in flight may take to finish once a stop is asked for. */
  shutdownTimeoutMs?: number;
  /** Collect anonymous aggregates from devices (RUTAS_AGGREGATES=on). */
  aggregates?: boolean;
}

/**
 * Serves until SIGINT or SIGTERM, then stops accepting connections, lets the requests in
 * flight finish, closes the store and resolves with the exit code. A publish or an
 * enrolment that is half-way through is thus never cut off by a deploy or a Ctrl-C; a
 * second signal, or requests still running after the timeout, end the process at once.
 */
export async function runServer(options: RunOptions): Promise<number> {
  const server = await buildServer({
    appDir: options.appDir,
    storage: options.storage,
    logger: options.logger,
    aggregates: options.aggregates ?? false,
  });
  await server.listen({ port: options.port, host: options.host });
  const { port } = server.server.address() as AddressInfo;
  server.log.info({ port }, `Rutas is running at http://localhost:${port}`);
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: NodeJS.Signals) => {
      if (stopping) {
        server.log.warn({ signal }, 'second stop signal: exiting without waiting');
        process.exit(1);
      }
      stopping = true;
      server.log.info({ signal }, 'stopping: no new connections, finishing the requests in flight');
      const force = setTimeout(() => {
        server.log.error({ timeoutMs }, 'requests still in flight after the shutdown timeout: exiting');
        process.exit(1);
      }, timeoutMs);
      force.unref();
      let code = 0;
      try {
        await server.close();
        await options.storage.close();
        server.log.info('stopped');
      } catch (error) {
        server.log.error({ err: error }, 'failed to stop cleanly');
        code = 1;
      } finally {
        clearTimeout(force);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      resolve(code);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
