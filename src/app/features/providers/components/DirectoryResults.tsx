import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DirectoryHit } from '../../../../core/search/provider-directory';
import { useLocalize } from '../../../components/useLocalize';

const PAGE_SIZE = 20;

interface Props {
  hits: DirectoryHit[];
  jurisdictionId: string;
}

/**
 * The result count and cards, memoised so that only a new search re-renders them. A phone
 * paints a few dozen cards fast and thousands slowly: it shows a page, and more on request.
 */
export const DirectoryResults = memo(function DirectoryResults({ hits, jurisdictionId }: Props) {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const [shown, setShown] = useState({ hits, count: PAGE_SIZE });
  const count = shown.hits === hits ? shown.count : PAGE_SIZE;
  const kilometres = useMemo(
    () =>
      new Intl.NumberFormat(i18n.language, {
        style: 'unit',
        unit: 'kilometer',
        maximumFractionDigits: 1,
      }),
    [i18n.language],
  );

  return (
    <>
      <p role="status" aria-live="polite" className="result-count">
        {t('providers.resultCount', { count: hits.length })}
      </p>
      <ul className="card-list">
        {hits.slice(0, count).map(({ provider, openNow, distanceKm }) => (
          <li key={provider.id}>
            <Link to={`/j/${jurisdictionId}/providers/${provider.id}`} className="card-link">
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
      {hits.length > count && (
        <button type="button" className="action show-more" onClick={() => setShown({ hits, count: count + PAGE_SIZE })}>
          {t('providers.showMore', { count: Math.min(PAGE_SIZE, hits.length - count) })}
        </button>
      )}
    </>
  );
});
