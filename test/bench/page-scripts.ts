import { join } from 'node:path';
import { build } from 'esbuild';
import { BENCH_DIR } from './workspace';

/** Bundles one of test/bench/page/*.ts into a self-contained script for the browser. */
async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(BENCH_DIR, 'page', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"', ...define },
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

/** Init script that reports when `selector` first renders (see page/render-probe.ts). */
export function renderProbe(selector: string): Promise<string> {
  return bundle('render-probe.ts', { __BENCH_SELECTOR__: JSON.stringify(selector) });
}

/** Init script that observes React commits and types into the search box (see page/react-probe.ts). */
export function reactProbe(): Promise<string> {
  return bundle('react-probe.ts');
}

/** Script that times the app's own store, index and search code (see page/directory-probe.ts). */
export function directoryProbe(): Promise<string> {
  return bundle('directory-probe.ts');
}

/** Script that drives the device's own sync code in a page (see page/sync-probe.ts). */
export function syncProbe(publicKey: string): Promise<string> {
  return bundle('sync-probe.ts', { __RUTAS_PUBLIC_KEY__: JSON.stringify(publicKey) });
}
