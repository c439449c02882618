import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface LanguageName {
  /** In the worker's language: "criollo haitiano", "Haitian Creole". */
  name: string;
  /** In the language itself when the device knows it ("English", "español"), so the person can point at it. */
  own: string | null;
}

function nameIn(locale: string, code: string): string | null {
  try {
    const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    // A device without data for `locale` answers in another language: that is not the language's own name.
    if (new Intl.Locale(names.resolvedOptions().locale).language !== new Intl.Locale(locale).language) return null;
    return names.of(code) ?? null;
  } catch {
    return null;
  }
}

/** Language names through Intl.DisplayNames: the device's own data, nothing to translate by hand. */
export function useLanguageNames(): (code: string) => LanguageName {
  const { i18n } = useTranslation();
  const worker = i18n.language;
  return useMemo(() => {
    const cache = new Map<string, LanguageName>();
    return (code: string) => {
      let known = cache.get(code);
      if (!known) {
        const name = nameIn(worker, code) ?? code;
        const own = code === worker ? null : nameIn(code, code);
        known = { name, own: own && own.toLowerCase() !== name.toLowerCase() ? own : null };
        cache.set(code, known);
      }
      return known;
    };
  }, [worker]);
}
