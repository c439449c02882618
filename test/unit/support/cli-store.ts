import { join } from 'node:path';
import { afterEach, beforeEach, type MockInstance, vi } from 'vitest';
import { removeTemporaryDirectory, temporaryDirectory } from './handbook-folder';

/** What a CLI test works in: a temporary folder, the store under it, and the captured console. */
export interface CliStore {
  root: string;
  /** The store every command opens (RUTAS_DATA_DIR; DATABASE_URL is cleared). */
  dataDir: string;
  log: MockInstance<typeof console.log>;
  error: MockInstance<typeof console.error>;
}

/** Gives every test of the file a fresh store for the `rutas` commands, and captures what they print. */
export function cliStoreForEachTest(): CliStore {
  const cli = {} as CliStore;
  beforeEach(async () => {
    cli.root = await temporaryDirectory();
    cli.dataDir = join(cli.root, 'data');
    vi.stubEnv('RUTAS_DATA_DIR', cli.dataDir);
    vi.stubEnv('DATABASE_URL', '');
    cli.log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    cli.error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await removeTemporaryDirectory(cli.root);
  });
  return cli;
}

/** Everything a console spy was called with, one call a line. */
export const printed = (spy: MockInstance<(...args: unknown[]) => void>) =>
  spy.mock.calls.map((call) => call.join(' ')).join('\n');
