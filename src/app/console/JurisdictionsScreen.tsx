import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConsoleProblem } from './ConsoleProblem';
import { useConsoleJurisdictions } from './jurisdictions';
import { textIn } from './text';

/** /admin: the jurisdictions this account keeps (all of them for an administrator or a trainer). */
export function JurisdictionsScreen() {
  const { t, i18n } = useTranslation('console');
  const { data: jurisdictions, error, reload } = useConsoleJurisdictions();
  const countries = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' });

  return (
    <section aria-labelledby="jurisdictions-title">
      <h1 id="jurisdictions-title">{t('jurisdictions.title')}</h1>
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {!jurisdictions && !error && <p className="loading">{t('shell.loading')}</p>}
      {jurisdictions?.length === 0 && <p>{t('jurisdictions.none')}</p>}
      {jurisdictions && jurisdictions.length > 0 && (
        <ul className="card-list">
          {jurisdictions.map((jurisdiction) => (
            <li key={jurisdiction.id}>
              <Link className="card-link" to={`/admin/j/${encodeURIComponent(jurisdiction.id)}`}>
                <span className="card-title">{textIn(jurisdiction.name, i18n.language)}</span>
                <span className="card-meta">
                  {countries.of(jurisdiction.country)} ·{' '}
                  {jurisdiction.latestRelease === null
                    ? t('jurisdictions.noRelease')
                    : t('jurisdictions.release', { number: jurisdiction.latestRelease })}
                  {!jurisdiction.canEdit && ` · ${t('jurisdictions.readOnly')}`}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
