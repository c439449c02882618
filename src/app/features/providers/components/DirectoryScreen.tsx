import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocalize } from '../../../components/useLocalize';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useDirectoryQuery } from '../hooks/useDirectoryQuery';
import { useProviderDirectory } from '../hooks/useProviderDirectory';
import { useWorkerPosition } from '../hooks/useWorkerPosition';
import { DirectoryFilters } from './DirectoryFilters';

export function DirectoryScreen() {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const { jurisdiction, providers } = useCurrentHandbook();
  const directory = useProviderDirectory(providers);
  const [query, setQuery] = useDirectoryQuery();
  const [position, locate, stopLocating] = useWorkerPosition();
  const text = useDeferredValue(query.text);

  const hits = useMemo(
    () =>
      directory.search(
        { ...query, text, near: position.status === 'on' ? position.position : undefined },
        { timeZone: jurisdiction.timeZone, now: new Date(), language: i18n.language },
      ),
    [directory, query, text, position, jurisdiction.timeZone, i18n.language],
  );
  const kilometres = new Intl.NumberFormat(i18n.language, {
    style: 'unit',
    unit: 'kilometer',
    maximumFractionDigits: 1,
  });

  return (
    <section className="screen" aria-labelledby="directory-title">
      <p className="eyebrow">{localize(jurisdiction.name)}</p>
      <h1 id="directory-title">{t('providers.title')}</h1>
      <search className="search-form">
        <label htmlFor="provider-search">{t('providers.searchLabel')}</label>
        <input
          id="provider-search"
          type="search"
          value={query.text}
          placeholder={t('providers.searchPlaceholder')}
          autoComplete="off"
          onChange={(event) => setQuery({ text: event.target.value })}
        />
      </search>
      <DirectoryFilters
        query={query}
        onChange={setQuery}
        languages={[...new Set(providers.flatMap((p) => p.languages))].sort()}
        position={position}
        onLocate={locate}
        onStopLocating={stopLocating}
      />
      <p role="status" aria-live="polite" className="result-count">
        {t('providers.resultCount', { count: hits.length })}
      </p>
      <ul className="card-list">
        {hits.map(({ provider, openNow, distanceKm }) => (
          <li key={provider.id}>
            <Link to={`/j/${jurisdiction.id}/providers/${provider.id}`} className="card-link">
              <span className="card-title">{localize(provider.name)}</span>
              <span className="card-meta">{provider.services.map((s) => t(`serviceType.${s}`)).join(' · ')}</span>
              <span className="card-meta">
                <span className={openNow ? 'status-open' : 'status-closed'}>
                  {t(openNow ? 'providers.openNow' : 'providers.closedNow')}
                </span>
                {distanceKm !== undefined && ` · ${kilometres.format(distanceKm)}`}
                {!provider.provenance.verifiedAt && ` · ${t('provenance.unverified')}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
