import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The selector of the hello page's only content, watched like the route screen's title. */
export const HELLO_SELECTOR = 'h1#hello';

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Hello</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.jsx"></script>
  </body>
</html>
`;

const MAIN_JSX = `import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')).render(<h1 id="hello">Hello</h1>);
`;

// The same service-worker shape as the app's src/app/sw.ts: precache everything, answer every
// navigation with the precached shell, take control at once.
const SW_JS = `import { clientsClaim } from 'workbox-core';
import { createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));
self.skipWaiting();
clientsClaim();
`;

/**
 * Writes a bare Vite + React 19 "hello" PWA into `dir` (which must sit inside the project so
 * that Node resolution finds its node_modules/) and builds it with the same Vite into
 * `dir/dist`. Sources are .jsx/.js so the project's type-check never picks them up.
 */
export async function buildHelloApp(dir: string): Promise<string> {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'src', 'main.jsx'), MAIN_JSX);
  writeFileSync(join(dir, 'src', 'sw.js'), SW_JS);
  const outDir = join(dir, 'dist');
  await build({
    configFile: false,
    root: dir,
    cacheDir: join(dir, '.vite-cache'),
    logLevel: 'warn',
    plugins: [
      react(),
      VitePWA({
        strategies: 'injectManifest',
        srcDir: 'src',
        filename: 'sw.js',
        injectRegister: 'inline',
        manifest: false,
        injectManifest: { globPatterns: ['**/*.{js,css,html}'] },
      }),
    ],
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false },
  });
  return outDir;
}
