import i18next, { type i18n as I18n } from 'i18next';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppLanguage } from './resolve-language';

/**
 * The field worker's screens beyond the route each keep their strings in their own namespace,
 * loaded when the screen first shows (and precached like every chunk): start-up stays small.
 */
export const FIELD_NAMESPACES = ['cases', 'identification', 'referrals', 'protection'] as const;
export type FieldNamespace = (typeof FIELD_NAMESPACES)[number];

type Strings = () => Promise<{ default: Record<string, unknown> }>;

const FILES: Record<AppLanguage, Record<FieldNamespace, Strings>> = {
  es: {
    cases: () => import('../../../locales/es/cases.json'),
    identification: () => import('../../../locales/es/identification.json'),
    referrals: () => import('../../../locales/es/referrals.json'),
    protection: () => import('../../../locales/es/protection.json'),
  },
  en: {
    cases: () => import('../../../locales/en/cases.json'),
    identification: () => import('../../../locales/en/identification.json'),
    referrals: () => import('../../../locales/en/referrals.json'),
    protection: () => import('../../../locales/en/protection.json'),
  },
};

function isAppLanguage(language: string): language is AppLanguage {
  return language in FILES;
}

function loaded(i18n: I18n, language: string, namespaces: readonly FieldNamespace[]): boolean {
  return namespaces.every((namespace) => i18n.hasResourceBundle(language, namespace));
}

/** Loads namespaces' strings into an i18next instance: the app's own, or the one a screen renders with. */
export async function loadFieldStrings(
  language: string,
  namespaces: readonly FieldNamespace[],
  i18n: I18n = i18next,
): Promise<void> {
  if (!isAppLanguage(language)) return;
  await Promise.all(
    namespaces.map(async (namespace) => {
      if (i18n.hasResourceBundle(language, namespace)) return;
      i18n.addResourceBundle(language, namespace, (await FILES[language][namespace]()).default, true, true);
    }),
  );
}

/** Renders its children once the namespaces' strings of the shown language are loaded (again after a switch). */
export function FieldStrings({
  namespaces,
  fallback = null,
  children,
}: {
  namespaces: readonly FieldNamespace[];
  fallback?: ReactNode;
  children: ReactNode;
}) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [, setLoadedLanguage] = useState<string>();
  useEffect(() => {
    let current = true;
    void loadFieldStrings(language, namespaces, i18n).then(() => {
      if (current) setLoadedLanguage(language);
    });
    return () => {
      current = false;
    };
  }, [language, namespaces, i18n]);
  return loaded(i18n, language, namespaces) ? children : fallback;
}
