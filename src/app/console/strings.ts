import i18next from 'i18next';
import { chooseLanguage } from '../i18n/i18n';
import type { AppLanguage } from '../i18n/resolve-language';

/** The console's i18next namespaces, one per helper area; none is in the field worker's start-up. */
export const CONSOLE_NAMESPACES = ['console', 'console-editors', 'console-operations'] as const;
export type ConsoleNamespace = (typeof CONSOLE_NAMESPACES)[number];

type Strings = () => Promise<{ default: Record<string, unknown> }>;

const FILES: Record<AppLanguage, Record<ConsoleNamespace, Strings>> = {
  es: {
    console: () => import('../../../locales/es/console.json'),
    'console-editors': () => import('../../../locales/es/console-editors.json'),
    'console-operations': () => import('../../../locales/es/console-operations.json'),
  },
  en: {
    console: () => import('../../../locales/en/console.json'),
    'console-editors': () => import('../../../locales/en/console-editors.json'),
    'console-operations': () => import('../../../locales/en/console-operations.json'),
  },
};

export function consoleStringsLoaded(language: AppLanguage): boolean {
  return CONSOLE_NAMESPACES.every((namespace) => i18next.hasResourceBundle(language, namespace));
}

/** Adds the console's strings of a language to i18next; screens render only once they are there. */
export async function loadConsoleStrings(language: AppLanguage): Promise<void> {
  await Promise.all(
    CONSOLE_NAMESPACES.map(async (namespace) => {
      if (i18next.hasResourceBundle(language, namespace)) return;
      const strings = (await FILES[language][namespace]()).default;
      i18next.addResourceBundle(language, namespace, strings, true, true);
    }),
  );
}

/** The console's language switch: its strings first, then the app's (chooseLanguage also remembers the choice). */
export async function switchConsoleLanguage(language: AppLanguage): Promise<void> {
  await loadConsoleStrings(language);
  await chooseLanguage(language);
}
