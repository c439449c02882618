import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { NEUTRAL_PAGE } from '../../app/protection/quick-exit';

const TEMPLATE = 'src/app/protection/neutral-page.html';
const LOCALES = 'locales';
/** The page's title before its script runs, and when the browser speaks none of the app's languages. */
const FALLBACK_LANGUAGE = 'en';

/** The neutral page's title in every language under locales/ (`neutralPage.title` of protection.json). */
async function neutralTitles(root: string): Promise<Record<string, string>> {
  const titles: Record<string, string> = {};
  for (const language of (await readdir(join(root, LOCALES))).sort()) {
    const strings = JSON.parse(await readFile(join(root, LOCALES, language, 'protection.json'), 'utf8'));
    const title = strings?.neutralPage?.title;
    if (typeof title !== 'string') throw new Error(`${LOCALES}/${language}/protection.json has no neutralPage.title`);
    titles[language] = title;
  }
  return titles;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The page quick exit leaves for, its titles taken from the interface strings. */
export async function renderNeutralPage(root: string): Promise<string> {
  const titles = await neutralTitles(root);
  const fallback = titles[FALLBACK_LANGUAGE] ?? Object.values(titles)[0] ?? '';
  const template = await readFile(join(root, TEMPLATE), 'utf8');
  const page = template
    .replace('<html lang="en">', `<html lang="${titles[FALLBACK_LANGUAGE] ? FALLBACK_LANGUAGE : ''}">`)
    .replace('<title></title>', `<title>${escapeHtml(fallback)}</title>`)
    .replace('NEUTRAL_PAGE_TITLES', JSON.stringify(titles).replace(/</g, '\\u003c'));
  if (page.includes('NEUTRAL_PAGE_TITLES') || !page.includes(`<title>${escapeHtml(fallback)}</title>`)) {
    throw new Error(`${TEMPLATE} lost the places the titles go in`);
  }
  return page;
}

/**
 * Emits the neutral page of quick exit (`/blank.html`) into the build, where the service worker
 * precaches it, and serves it in development. Its words live in locales/ like every other string.
 */
export function neutralPagePlugin(): Plugin {
  let root = process.cwd();
  const fileName = NEUTRAL_PAGE.replace(/^\//, '');
  return {
    name: 'rutas-neutral-page',
    configResolved(config) {
      root = resolve(config.root);
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await renderNeutralPage(root) });
    },
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        if (request.url?.split('?')[0] !== NEUTRAL_PAGE) return next();
        try {
          response.setHeader('Content-Type', 'text/html; charset=utf-8');
          response.end(await renderNeutralPage(root));
        } catch (error) {
          next(error);
        }
      });
    },
  };
}
