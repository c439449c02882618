import { useTranslation } from 'react-i18next';
import { fieldId } from '../../../console/form';
import { missingTranslations, type ProviderForm } from '../provider-form';
import { FORM } from './ProviderFields';

/** Which texts of the record still lack their Spanish or English version: both are needed to publish. */
export function MissingTranslations({ form }: { form: ProviderForm }) {
  const { t, i18n } = useTranslation('console');
  const missing = missingTranslations(form);
  if (missing.length === 0) return null;
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const fieldName = (path: string) => {
    const [field, index] = path.split('.');
    if (field === 'phones') return t('providers.missing.phone', { number: Number(index) + 1 });
    if (field === 'schedules') return t('providers.missing.schedule', { number: Number(index) + 1 });
    return t(field === 'name' ? 'providers.field.name' : 'providers.field.description');
  };
  return (
    <section className="notice" aria-labelledby="missing-translations-title">
      <h2 id="missing-translations-title">{t('providers.missing.title', { count: missing.length })}</h2>
      <ul>
        {missing.map(({ path, language }) => (
          <li key={`${path}-${language}`}>
            <a href={`#${fieldId(FORM, `${path}.${language}`)}`}>
              {t('providers.missing.item', { field: fieldName(path), language: languageNames.of(language) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
