export const APP_LANGUAGES = ['es', 'en'] as const;
export type AppLanguage = (typeof APP_LANGUAGES)[number];

export type LanguageSource = 'query' | 'saved' | 'browser' | 'jurisdiction';

export interface LanguageChoice {
  language: AppLanguage;
  source: LanguageSource;
}

/** "es-MX", "es-419", "ES" → "es"; languages the app does not speak → undefined. */
export function toAppLanguage(tag: string | null | undefined): AppLanguage | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return APP_LANGUAGES.find((language) => language === primary);
}

/**
 * The interface language, in the order of precedence: `?lng=` in the URL, the worker's
 * saved choice, the browser's languages, then the jurisdiction's default language.
 */
export function resolveLanguage(input: {
  query?: string | null;
  saved?: string | null;
  browser?: readonly string[];
  jurisdictionDefault?: string;
}): LanguageChoice {
  const fromQuery = toAppLanguage(input.query);
  if (fromQuery) return { language: fromQuery, source: 'query' };
  const fromSaved = toAppLanguage(input.saved);
  if (fromSaved) return { language: fromSaved, source: 'saved' };
  for (const tag of input.browser ?? []) {
    const fromBrowser = toAppLanguage(tag);
    if (fromBrowser) return { language: fromBrowser, source: 'browser' };
  }
  return { language: toAppLanguage(input.jurisdictionDefault) ?? 'es', source: 'jurisdiction' };
}
