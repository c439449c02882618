import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type AppLanguage, type LanguageChoice, resolveLanguage, toAppLanguage } from './resolve-language';

const SAVED_LANGUAGE_KEY = 'rutas.language';

/** Each language is its own (precached) file: start-up loads only the one it shows. */
const TRANSLATIONS: Record<AppLanguage, () => Promise<{ default: Record<string, unknown> }>> = {
  es: () => import('../../../locales/es/translation.json'),
  en: () => import('../../../locales/en/translation.json'),
};

async function translationsOf(language: AppLanguage): Promise<Record<string, unknown>> {
  return (await TRANSLATIONS[language]()).default;
}

function readSavedLanguage(): string | null {
  try {
    return localStorage.getItem(SAVED_LANGUAGE_KEY);
  } catch {
    return null;
  }
}

/** Remembers the worker's explicit choice (settings or `?lng=`) on this device. */
export function saveLanguage(language: AppLanguage): void {
  try {
    localStorage.setItem(SAVED_LANGUAGE_KEY, language);
  } catch {
    // Storage may be blocked; the choice then lasts for this visit only.
  }
}

let initialChoice: LanguageChoice | undefined;

/** How the language was chosen at start-up: a jurisdiction's default only applies when nothing else chose. */
export function languageChosenBy(): LanguageChoice['source'] | undefined {
  return initialChoice?.source;
}

export async function initI18n(url: URL = new URL(window.location.href)): Promise<typeof i18next> {
  initialChoice = resolveLanguage({
    query: url.searchParams.get('lng'),
    saved: readSavedLanguage(),
    browser: navigator.languages,
  });
  if (initialChoice.source === 'query') saveLanguage(initialChoice.language);
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18next.use(initReactI18next).init({
    resources: { [initialChoice.language]: { translation: await translationsOf(initialChoice.language) } },
    partialBundledLanguages: true,
    lng: initialChoice.language,
    fallbackLng: false,
    supportedLngs: ['es', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = initialChoice.language;
  return i18next;
}

/** Switches the interface language and remembers the choice. */
export async function chooseLanguage(tag: string): Promise<void> {
  const language = toAppLanguage(tag);
  if (!language) return;
  saveLanguage(language);
  if (initialChoice) initialChoice = { language, source: 'saved' };
  await showLanguage(language);
}

async function loadLanguage(language: AppLanguage): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) {
    i18next.addResourceBundle(language, 'translation', await translationsOf(language));
  }
}

/** Shows the interface in a language, loading its strings first, without remembering it as the worker's choice. */
export async function showLanguage(language: AppLanguage): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}
