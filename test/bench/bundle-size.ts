import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One chunk of Vite's build manifest (.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizedFile extends Bytes {
  file: string;
  /** Why the file is on the critical path (or in a lazy group). */
  why: string;
}

export interface FileGroup {
  files: SizedFile[];
  total: Bytes;
}

export interface LazyScreen extends FileGroup {
  name: string;
  src: string;
}

export interface BundleAnalysis {
  outDir: string;
  /** Entry + its static imports (recursively) + their CSS + chunks dynamically imported at start-up. */
  critical: FileGroup;
  /** Start-up dynamic imports that were counted, as manifest keys. */
  bootDynamicImports: string[];
  /** Every other dynamically imported chunk, with the files it adds beyond the critical path. */
  lazy: LazyScreen[];
}

/**
 * Dynamic imports that run before or while the first screen renders, so they are part of the
 * critical path: virtual:pwa-register's useRegisterSW() (rendered by UpdatePrompt in the app
 * shell) calls `import('workbox-window')` from its first render, and i18n.ts loads the strings
 * of the one language it shows — counted as Spanish, the larger of the two.
 */
export const BOOT_DYNAMIC_IMPORTS: { pattern: RegExp; why: string }[] = [
  {
    pattern: /workbox-window/,
    why: 'import("workbox-window") run at start-up by virtual:pwa-register (useRegisterSW)',
  },
  {
    // A language's strings are a chunk of their own, keyed by the JSON file or, when another
    // chunk imports the file too, by the shared chunk's name; the larger language is counted.
    pattern: /^(locales\/[a-z]+\/translation\.json|_translation-[\w-]+\.js)$/,
    why: 'import() of the interface strings of the language shown, run at start-up by i18n.ts (the larger language)',
  },
];

export function sizeOf(file: string, outDir: string, why: string): SizedFile {
  const data = readFileSync(join(outDir, file));
  return {
    file,
    why,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }).length,
  };
}

function totalOf(files: readonly SizedFile[]): Bytes {
  return files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

/** The module script index.html loads: the app's entry chunk, as a path relative to outDir. */
function entryScriptOf(outDir: string): string {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const match = /<script[^>]*type="module"[^>]*src="\/?([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`${outDir}/index.html loads no module script`);
  return match[1];
}

/** A chunk and everything it imports statically, in visiting order. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): string[] {
  if (seen.has(key)) return [];
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`manifest has no chunk "${key}"`);
  return [key, ...(chunk.imports ?? []).flatMap((k) => staticClosure(manifest, k, seen))];
}

/** Sizes the critical path and the lazy screens of a Vite build made with `build.manifest: true`. */
export function analyseBuild(outDir: string): BundleAnalysis {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entryFile = entryScriptOf(outDir);
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.file === entryFile);
  if (!entryKey) throw new Error(`${entryFile} (index.html's script) is not in the build manifest`);

  const critical: SizedFile[] = [];
  const counted = new Set<string>();
  const add = (file: string, why: string, into: SizedFile[]) => {
    if (counted.has(file)) return;
    counted.add(file);
    into.push(sizeOf(file, outDir, why));
  };
  const addClosure = (rootKey: string, rootWhy: string, into: SizedFile[]) => {
    const keys = staticClosure(manifest, rootKey);
    keys.forEach((key, i) => {
      const chunk = manifest[key] as ManifestChunk;
      add(chunk.file, i === 0 ? rootWhy : `static import of ${rootKey === entryKey ? 'the entry' : rootKey}`, into);
    });
    for (const key of keys) for (const css of manifest[key]?.css ?? []) add(css, `CSS of ${key}`, into);
    return keys;
  };

  const entryClosure = addClosure(entryKey, 'entry (index.html module script)', critical);
  const dynamicKeys = [...new Set(entryClosure.flatMap((key) => manifest[key]?.dynamicImports ?? []))];
  const bootDynamicImports = BOOT_DYNAMIC_IMPORTS.flatMap(({ pattern }) => {
    const matching = dynamicKeys.filter((key) => pattern.test(key));
    const gzipOf = (key: string) => sizeOf((manifest[key] as ManifestChunk).file, outDir, '').gzip;
    return matching.sort((a, b) => gzipOf(b) - gzipOf(a)).slice(0, 1);
  });
  for (const key of bootDynamicImports) {
    const boot = BOOT_DYNAMIC_IMPORTS.find(({ pattern }) => pattern.test(key));
    if (boot) addClosure(key, boot.why, critical);
  }

  const lazy: LazyScreen[] = [];
  const lazyKeys = Object.keys(manifest).filter(
    (key) => manifest[key]?.isDynamicEntry && !bootDynamicImports.includes(key),
  );
  for (const key of lazyKeys) {
    const files: SizedFile[] = [];
    const chunk = manifest[key] as ManifestChunk;
    // Files shared by several lazy screens are listed with each, without being counted twice in
    // the critical path: copy the set so every screen sees the critical path only.
    const before = new Set(counted);
    addClosure(key, 'lazy chunk', files);
    counted.clear();
    for (const file of before) counted.add(file);
    lazy.push({ name: chunk.name ?? key, src: chunk.src ?? key, files, total: totalOf(files) });
  }
  lazy.sort((a, b) => b.total.gzip - a.total.gzip);

  return { outDir, critical: { files: critical, total: totalOf(critical) }, bootDynamicImports, lazy };
}
