import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { foldForSearch } from '../../core/search/normalize';
import { useJurisdictions } from '../handbook/hooks';
import { useLocalize } from './useLocalize';

/**
 * Shown for a link to something the device does not hold. Offers a way on instead of a
 * dead end: search the jurisdiction's providers, or pick a jurisdiction.
 */
export function NotFound({
  kind,
  jurisdictionId,
}: {
  kind: 'page' | 'jurisdiction' | 'provider' | 'checklist';
  jurisdictionId?: string;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const navigate = useNavigate();
  const jurisdictions = useJurisdictions();
  const [query, setQuery] = useState('');
  const known = jurisdictions?.find((j) => j.id === jurisdictionId);

  const matching = (jurisdictions ?? []).filter((j) =>
    foldForSearch(`${localize(j.name)} ${j.localName}`).includes(foldForSearch(query)),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (known) navigate(`/j/${known.id}/providers?q=${encodeURIComponent(query)}`);
  };

  return (
    <section className="screen" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t(`notFound.${kind}`)}</h1>
      <p>{t('notFound.explain')}</p>
      <search>
        <form onSubmit={onSubmit} className="search-form">
          <label htmlFor="not-found-search">
            {known
              ? t('notFound.searchProviders', { jurisdiction: localize(known.name) })
              : t('notFound.searchJurisdictions')}
          </label>
          <input id="not-found-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          {known && (
            <button type="submit" className="action action-primary">
              {t('notFound.search')}
            </button>
          )}
        </form>
      </search>
      {!known && (
        <ul className="link-list">
          {matching.map((j) => (
            <li key={j.id}>
              <Link to={`/j/${j.id}`}>{localize(j.name)}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
