import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import packageJson from './package.json' with { type: 'json' };
import { neutralPagePlugin } from './src/server/build/neutral-page-plugin';
import { releaseBundlePlugin } from './src/server/handbooks/vite-plugin';

/** The coordinator console's lazy entry (src/app/routes.tsx imports it on /admin only). */
const CONSOLE_ENTRY = /[\\/]src[\\/]app[\\/]console[\\/]ConsoleApp\.tsx$/;
/** Where the chunks only the console loads go: the service worker leaves this folder out of its precache. */
const CONSOLE_ASSETS = 'assets/console';

/** Every module of the app, and those the field app can load (statically or lazily) without the console. */
const allModules = new Set<string>();
const fieldModules = new Set<string>();
/** Chunk names by where they went, for the CSS files named after them. */
const chunkNames = { console: new Set<string>(), field: new Set<string>() };
let root = process.cwd();

/**
 * Finds, once the module graph is known, what the field app reaches without the console. A
 * chunk holding none of it is the console's alone: it is named under assets/console/, so a
 * phone never downloads it (the console is for a connected laptop or tablet). Code the console
 * shares with field screens stays with them, precached.
 */
function consoleChunksApart(): Plugin {
  return {
    name: 'rutas-console-chunks',
    configResolved(config) {
      root = config.root;
    },
    buildEnd() {
      for (const set of [allModules, fieldModules, chunkNames.console, chunkNames.field]) set.clear();
      for (const id of this.getModuleIds()) allModules.add(id);
      const pending = [...allModules].filter((id) => this.getModuleInfo(id)?.isEntry);
      for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
        if (fieldModules.has(id) || CONSOLE_ENTRY.test(id)) continue;
        fieldModules.add(id);
        const info = this.getModuleInfo(id);
        pending.push(...(info?.importedIds ?? []), ...(info?.dynamicallyImportedIds ?? []));
      }
    },
  };
}

/** Only modules of the console: none the field app loads, and none unknown (the bundler's runtime). */
function consoleOnly(moduleIds: readonly string[]): boolean {
  const ids = moduleIds.map((id) => resolve(root, id));
  return fieldModules.size > 0 && ids.length > 0 && ids.every((id) => allModules.has(id) && !fieldModules.has(id));
}

function chunkFileName(chunk: { name: string; moduleIds: readonly string[] }): string {
  const apart = consoleOnly(chunk.moduleIds);
  chunkNames[apart ? 'console' : 'field'].add(chunk.name);
  return apart ? `${CONSOLE_ASSETS}/[name]-[hash].js` : 'assets/[name]-[hash].js';
}

/** A CSS file goes with the chunk that imports it: by that chunk's module, or else by its name. */
function assetFileName(asset: { names: readonly string[]; originalFileNames: readonly string[] }): string {
  const css = asset.names.map((name) => /^(.*)\.css$/.exec(name)?.[1]).filter((name) => name !== undefined);
  const apart =
    css.length > 0 &&
    (asset.originalFileNames.length > 0
      ? consoleOnly(asset.originalFileNames)
      : css.every((name) => chunkNames.console.has(name) && !chunkNames.field.has(name)));
  return apart ? `${CONSOLE_ASSETS}/[name]-[hash][extname]` : 'assets/[name]-[hash][extname]';
}

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(packageJson.version),
  },
  plugins: [
    consoleChunksApart(),
    react(),
    releaseBundlePlugin(process.env.RUTAS_ROUTES_DATA ?? 'routes-data'),
    neutralPagePlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/app',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,json,png,svg,webmanifest}'],
        // The coordinator console needs a connection anyway; phones do not carry it.
        globIgnores: ['**/node_modules/**/*', `${CONSOLE_ASSETS}/**`],
        // A large jurisdiction's handbook (thousands of providers) must still be precached.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: 'Rutas — rutas de atención a víctimas de trata',
        short_name: 'Rutas',
        description:
          'Rutas de actuación, proveedores de servicios y listas de identificación, sin conexión. Action routes, service providers and identification checklists, offline.',
        lang: 'es',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    sourcemap: false,
    manifest: true,
    rolldownOptions: {
      output: {
        chunkFileNames: chunkFileName,
        assetFileNames: assetFileName,
        codeSplitting: {
          // Everything the first screen imports statically is one chunk. Left to itself, the
          // bundler splits those modules by which lazy chunks (field screens, console) share
          // them, and every extra file on the critical path costs compression and a request.
          groups: [{ name: 'index', tags: ['$initial'] }],
        },
      },
    },
  },
});
