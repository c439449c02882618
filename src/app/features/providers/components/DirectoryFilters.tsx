import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Population, ServiceType } from '../../../../core/handbook/schema';
import { POPULATIONS, SERVICE_TYPES } from '../../../../core/handbook/taxonomy';
import type { PositionState } from '../../../components/useWorkerPosition';
import type { DirectoryUrlState } from '../hooks/useDirectoryQuery';

interface Props {
  query: Omit<DirectoryUrlState, 'text'>;
  onChange: (next: Partial<DirectoryUrlState>) => void;
  languages: string[];
  position: PositionState;
  onLocate: () => void;
  onStopLocating: () => void;
}

export const DirectoryFilters = memo(function DirectoryFilters({
  query,
  onChange,
  languages,
  position,
  onLocate,
  onStopLocating,
}: Props) {
  const { t, i18n } = useTranslation();
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
  const active =
    query.services.length +
    query.populations.length +
    query.languages.length +
    (query.openNow ? 1 : 0) +
    (position.status === 'on' ? 1 : 0);
  return (
    <details className="filters" open={active > 0}>
      <summary>{active > 0 ? t('providers.filtersActive', { count: active }) : t('providers.filters')}</summary>
      <label>
        {t('providers.serviceFilter')}
        <select
          value={query.services[0] ?? ''}
          onChange={(e) => onChange({ services: e.target.value ? [e.target.value as ServiceType] : [] })}
        >
          <option value="">{t('providers.any')}</option>
          {SERVICE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`serviceType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('providers.populationFilter')}
        <select
          value={query.populations[0] ?? ''}
          onChange={(e) => onChange({ populations: e.target.value ? [e.target.value as Population] : [] })}
        >
          <option value="">{t('providers.any')}</option>
          {POPULATIONS.map((population) => (
            <option key={population} value={population}>
              {t(`population.${population}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('providers.languageFilter')}
        <select
          value={query.languages[0] ?? ''}
          onChange={(e) => onChange({ languages: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">{t('providers.any')}</option>
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageNames.of(code)}
            </option>
          ))}
        </select>
      </label>
      <label className="toggle">
        <input type="checkbox" checked={query.openNow} onChange={(e) => onChange({ openNow: e.target.checked })} />
        {t('providers.openNowFilter')}
      </label>
      {position.status === 'on' ? (
        <button type="button" className="action" onClick={onStopLocating}>
          {t('providers.stopNearMe')}
        </button>
      ) : (
        <button type="button" className="action" onClick={onLocate} disabled={position.status === 'locating'}>
          {t(position.status === 'locating' ? 'providers.locating' : 'providers.nearMe')}
        </button>
      )}
      {(position.status === 'denied' || position.status === 'unavailable') && (
        <p className="hint">{t(`providers.location.${position.status}`)}</p>
      )}
    </details>
  );
});
