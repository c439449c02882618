import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildSampleReleases, type ReleaseFile } from './sample-releases';

/**
 * Validates routes-data/ when a build starts — an invalid handbook fails the build — and
 * bundles its public releases into the app (and serves them from the dev server).
 */
export function sampleReleasesPlugin(routesData = 'routes-data'): Plugin {
  const root = resolve(routesData);
  let files: ReleaseFile[] = [];
  return {
    name: 'rutas-sample-releases',
    async buildStart() {
      files = await buildSampleReleases(root);
    },
    generateBundle() {
      for (const file of files) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
    },
    configureServer(server) {
      server.watcher.add(root);
      server.middlewares.use(async (request, response, next) => {
        const path = request.url?.split('?')[0] ?? '';
        if (!path.startsWith('/handbooks/')) return next();
        try {
          const file = (await buildSampleReleases(root)).find((f) => `/${f.fileName}` === path);
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
