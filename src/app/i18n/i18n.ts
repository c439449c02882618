import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../locales/en/translation.json';
import es from '../../../locales/es/translation.json';
import { type AppLanguage, type LanguageChoice, resolveLanguage, toAppLanguage } from './resolve-language';

const SAVED_LANGUAGE_KEY = 'rutas.language';

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
    resources: { es: { translation: es }, en: { translation: en } },
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
  await i18next.changeLanguage(language);
}
