import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentHandbook } from '../../../handbook/hooks';

/** Languages the handbook knows of: its questions' languages and those its providers speak. */
function useKnownLanguages(): string[] {
  const { checklists, providers } = useCurrentHandbook();
  return useMemo(() => {
    const codes = new Set<string>(['es', 'en']);
    for (const checklist of checklists)
      for (const group of checklist.groups)
        for (const indicator of group.indicators)
          for (const code of Object.keys(indicator.question ?? {})) codes.add(code);
    for (const provider of providers) for (const code of provider.languages) codes.add(code);
    return [...codes].sort();
  }, [checklists, providers]);
}

/** The person's language: it ranks providers who speak it and tells the receiving provider to bring an interpreter. */
export function PersonLanguageField({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (language: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation('cases');
  const languages = useKnownLanguages();
  const names = useMemo(() => new Intl.DisplayNames([i18n.language], { type: 'language' }), [i18n.language]);
  const nameOf = (code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <div className="field person-language">
      <label htmlFor="person-language">{t('language.label')}</label>
      <select
        id="person-language"
        value={value ?? ''}
        onChange={(event) => onChange(event.currentTarget.value || undefined)}
      >
        <option value="">{t('language.unknown')}</option>
        {languages.map((code) => (
          <option key={code} value={code}>
            {nameOf(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
