import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ConsoleNotFound() {
  const { t } = useTranslation('console');
  return (
    <section aria-labelledby="console-not-found-title">
      <h1 id="console-not-found-title">{t('notFound.title')}</h1>
      <p>
        <Link to="/admin">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}
