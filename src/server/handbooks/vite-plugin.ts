import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { publishFirstReleases } from '../publishing/first-run';
import { storageFromEnv } from '../storage/open';
import { buildReleaseBundle, type ReleaseBundle } from './bundle';
import { InvalidHandbookError, validateHandbookFolders } from './validate-folders';

/** Opens the server's store (RUTAS_DATA_DIR / DATABASE_URL), publishing routes-data/ there on first run. */
async function bundleFromStore(routesData: string): Promise<ReleaseBundle> {
  const storage = await storageFromEnv();
  try {
    await publishFirstReleases(storage, routesData);
    return await buildReleaseBundle(storage);
  } finally {
    await storage.close();
  }
}

/**
 * Validates routes-data/ when a build starts — an invalid handbook fails the build — and
 * builds into the app the store's latest public releases and the public key the app pins
 * to verify every release it receives later.
 */
export function releaseBundlePlugin(routesData = 'routes-data'): Plugin {
  const root = resolve(routesData);
  let bundle: ReleaseBundle | undefined;
  const loadBundle = async () => {
    bundle ??= await bundleFromStore(root);
    return bundle;
  };
  return {
    name: 'rutas-release-bundle',
    async config() {
      const problems = await validateHandbookFolders(root);
      if (problems.length > 0)
        throw new InvalidHandbookError(`Invalid handbook in ${root}:\n  ${problems.join('\n  ')}`);
      const { publicKey } = await loadBundle();
      return { define: { __RUTAS_PUBLIC_KEY__: JSON.stringify(publicKey) } };
    },
    async generateBundle() {
      for (const file of (await loadBundle()).files) {
        this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
      }
    },
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        const path = request.url?.split('?')[0] ?? '';
        if (!path.startsWith('/handbooks/')) return next();
        try {
          const file = (await loadBundle()).files.find((f) => `/${f.fileName}` === path);
          if (!file) return next();
          response.setHeader('Content-Type', 'application/json');
          response.end(file.source);
        } catch (error) {
          next(error);
        }
      });
    },
  };
}
