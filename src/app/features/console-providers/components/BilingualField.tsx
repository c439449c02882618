import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../../console/form';
import type { FieldIssue } from '../../../console/issues';
import type { Bilingual } from '../provider-form';

interface Props {
  form: string;
  /** The record's path of the text, e.g. `name` or `phones.0.description`. */
  path: string;
  label: string;
  value: Bilingual;
  onChange(value: Bilingual): void;
  issues: readonly FieldIssue[];
  multiline?: boolean;
}

/** A content text in Spanish and in English, side by side on a wide screen. */
export function BilingualField({ form, path, label, value, onChange, issues, multiline }: Props) {
  const { t, i18n } = useTranslation('console');
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const Field = multiline ? TextAreaField : TextField;
  return (
    <div className="field-pair">
      {(['es', 'en'] as const).map((language) => (
        <Field
          key={language}
          form={form}
          path={`${path}.${language}`}
          lang={language}
          label={t('providers.field.inLanguage', { field: label, language: languageNames.of(language) })}
          value={value[language]}
          onChange={(text) => onChange({ ...value, [language]: text })}
          issues={issues}
        />
      ))}
    </div>
  );
}
