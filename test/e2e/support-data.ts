import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import en from '../../locales/en/translation.json';
import es from '../../locales/es/translation.json';
import type { Handbook, LocalizedText, Provider } from '../../src/core/handbook/schema';
import { formatFolderIssue, loadHandbookFolder } from '../../src/server/handbooks/folder';

/**
 * What the end-to-end tests expect to see, read from the same sources the build reads:
 * the authored handbooks in routes-data/ (including restricted providers, which must
 * never reach the screen) and the interface strings in locales/.
 */

export type Language = 'es' | 'en';
export const LANGUAGES: readonly Language[] = ['es', 'en'];

const ROUTES_DATA = resolve(process.env.RUTAS_ROUTES_DATA ?? 'routes-data');
const cache = new Map<string, Promise<Handbook>>();

/** A sample jurisdiction's handbook as authored (restricted records included). */
export function authoredHandbook(jurisdictionId: string): Promise<Handbook> {
  let loaded = cache.get(jurisdictionId);
  if (!loaded) {
    loaded = (async () => {
      const folder = join(ROUTES_DATA, jurisdictionId);
      if (!existsSync(folder)) throw new Error(`routes-data has no sample jurisdiction "${jurisdictionId}"`);
      const result = await loadHandbookFolder(folder);
      if (!result.ok)
        throw new Error(`${jurisdictionId} is invalid:\n${result.issues.map(formatFolderIssue).join('\n')}`);
      return result.handbook;
    })();
    cache.set(jurisdictionId, loaded);
  }
  return loaded;
}

export function localized(text: LocalizedText, language: Language): string {
  return text[language] ?? text.es;
}

export function provider(handbook: Handbook, providerId: string): Provider {
  const found = handbook.providers.find((p) => p.id === providerId);
  if (!found) throw new Error(`${handbook.jurisdiction.id} has no provider "${providerId}"`);
  if (found.visibility !== 'public') throw new Error(`${providerId} is not a public provider`);
  return found;
}

export function publicProviders(handbook: Handbook): Provider[] {
  return handbook.providers.filter((p) => p.visibility === 'public');
}

export function restrictedProviders(handbook: Handbook): Provider[] {
  return handbook.providers.filter((p) => p.visibility === 'restricted');
}

const catalogues: Record<Language, unknown> = { es, en };

/** A namespace's strings (locales/<language>/<namespace>.json); `translation` is the start-up file. */
function catalogue(language: Language, namespace: string): unknown {
  if (namespace === 'translation') return catalogues[language];
  return JSON.parse(readFileSync(join('locales', language, `${namespace}.json`), 'utf8'));
}

/**
 * An interface string with {{placeholders}} and plurals, from locales/<language>/translation.json,
 * or from another namespace's file when the key says so: `cases:case.title`.
 */
export function ui(language: Language, namespacedKey: string, values: Record<string, string | number> = {}): string {
  const [namespace, key] = namespacedKey.includes(':')
    ? (namespacedKey.split(':', 2) as [string, string])
    : ['translation', namespacedKey];
  const strings = catalogue(language, namespace);
  const lookup = (path: string) =>
    path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings);
  let text = lookup(key);
  if (text === undefined && typeof values.count === 'number') {
    text = lookup(`${key}_${new Intl.PluralRules(language).select(values.count)}`) ?? lookup(`${key}_other`);
  }
  if (typeof text !== 'string') throw new Error(`locales/${language}/${namespace}.json has no string "${key}"`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/** Great-circle distance in kilometres, written independently of the app's own. */
export function kilometresBetween(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const x = Math.sin(toRadians(b.latitude - a.latitude) / 2) ** 2;
  const y =
    Math.cos(toRadians(a.latitude)) *
    Math.cos(toRadians(b.latitude)) *
    Math.sin(toRadians(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(x + y));
}
