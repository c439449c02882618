import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocalize } from '../../../components/useLocalize';
import { useJurisdictions, useSetting } from '../../../handbook/hooks';

export function JurisdictionPicker() {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const jurisdictions = useJurisdictions();
  const [lastId] = useSetting<string>('lastJurisdictionId');
  const regionNames = new Intl.DisplayNames([i18n.language], { type: 'region' });

  if (!jurisdictions) return <p className="loading">{t('app.loading')}</p>;
  return (
    <section className="screen" aria-labelledby="picker-title">
      <h1 id="picker-title">{t('jurisdictions.title')}</h1>
      <p>{t('jurisdictions.explain')}</p>
      <ul className="card-list">
        {jurisdictions.map((jurisdiction) => (
          <li key={jurisdiction.id}>
            <Link
              to={`/j/${jurisdiction.id}`}
              className="card-link"
              aria-current={jurisdiction.id === lastId ? 'true' : undefined}
            >
              <span className="card-title">{localize(jurisdiction.name)}</span>
              <span className="card-meta">
                {regionNames.of(jurisdiction.country)}
                {jurisdiction.id === lastId && ` · ${t('jurisdictions.lastUsed')}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
