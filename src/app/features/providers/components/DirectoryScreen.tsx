import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalize } from '../../../components/useLocalize';
import { useWorkerPosition } from '../../../components/useWorkerPosition';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useDirectoryQuery } from '../hooks/useDirectoryQuery';
import { useProviderDirectory } from '../hooks/useProviderDirectory';
import { DirectoryFilters } from './DirectoryFilters';
import { DirectoryResults } from './DirectoryResults';

export function DirectoryScreen() {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const { jurisdiction, providers } = useCurrentHandbook();
  const directory = useProviderDirectory(providers);
  const [query, setQuery] = useDirectoryQuery();
  const [position, locate, stopLocating] = useWorkerPosition();

  const { text, services, populations, languages, openNow } = query;
  const near = position.status === 'on' ? position.position : undefined;
  // One render per keystroke: the search takes about a millisecond and the results show one page of cards.
  const hits = useMemo(
    () =>
      directory.search(
        { text, services, populations, languages, openNow, near },
        { timeZone: jurisdiction.timeZone, now: new Date(), language: i18n.language },
      ),
    [directory, text, services, populations, languages, openNow, near, jurisdiction.timeZone, i18n.language],
  );

  const filters = useMemo(
    () => ({ services, populations, languages, openNow }),
    [services, populations, languages, openNow],
  );
  const spokenLanguages = useMemo(() => [...new Set(providers.flatMap((p) => p.languages))].sort(), [providers]);

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
        query={filters}
        onChange={setQuery}
        languages={spokenLanguages}
        position={position}
        onLocate={locate}
        onStopLocating={stopLocating}
      />
      <DirectoryResults hits={hits} jurisdictionId={jurisdiction.id} />
    </section>
  );
}
