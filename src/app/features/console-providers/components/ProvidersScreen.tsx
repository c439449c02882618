import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DraftRecord } from '../../../../core/console/protocol';
import { foldForSearch } from '../../../../core/search/normalize';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { draftRecordsOf, useDraft } from '../../../console/draft';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { textIn } from '../../../console/text';
import { formFromBody, missingTranslations } from '../provider-form';

type Body = Record<string, unknown>;

function searchableText(record: DraftRecord): string {
  const { name, alternate_name, id } = record.body as Body & { name?: Body };
  return foldForSearch([...Object.values(name ?? {}), alternate_name, id].filter(Boolean).join(' '));
}

function ProviderItem({ record, base, issueCount }: { record: DraftRecord; base: string; issueCount: number }) {
  const { t, i18n } = useTranslation('console');
  const body = record.body as Body & { name?: Body; visibility?: string; provenance?: Body };
  const id = record.key.slice('provider/'.length);
  const missing = missingTranslations(formFromBody(record.body, '')).length;
  const verifiedAt = body.provenance?.verifiedAt;
  return (
    <li>
      <Link className="card-link" to={`${base}/providers/${encodeURIComponent(id)}`}>
        <span className="card-title">{textIn(body.name, i18n.language) || id}</span>
        <span className="card-meta">
          {[
            body.visibility === 'restricted' ? t('providers.visibility.restricted') : t('providers.visibility.public'),
            typeof verifiedAt === 'string'
              ? t('providers.list.verified', { date: verifiedAt })
              : t('providers.list.unverified'),
            record.updatedBy && t('providers.list.editedBy', { who: record.updatedBy }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
        {(issueCount > 0 || missing > 0) && (
          <span className="field-error">
            {[
              issueCount > 0 && t('providers.list.issues', { count: issueCount }),
              missing > 0 && t('providers.list.missing', { count: missing }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        )}
      </Link>
    </li>
  );
}

function ProviderList({
  records,
  base,
  issuesByKey,
}: {
  records: DraftRecord[];
  base: string;
  issuesByKey: ReadonlyMap<string, number>;
}) {
  return (
    <ul className="card-list">
      {records.map((record) => (
        <ProviderItem key={record.key} record={record} base={base} issueCount={issuesByKey.get(record.key) ?? 0} />
      ))}
    </ul>
  );
}

/** /admin/j/:jurisdictionId/providers: the draft's providers, searchable, with what still needs work. */
export function ProvidersScreen() {
  const { t, i18n } = useTranslation('console');
  const { jurisdictionId = '' } = useParams();
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const { draft, error, reload } = useDraft(jurisdictionId);
  const [query, setQuery] = useState('');
  const base = `/admin/j/${encodeURIComponent(jurisdictionId)}`;

  const { active, archived, issuesByKey } = useMemo(() => {
    const words = foldForSearch(query);
    const byName = (a: DraftRecord, b: DraftRecord) =>
      textIn(a.body.name as Body, i18n.language).localeCompare(
        textIn(b.body.name as Body, i18n.language),
        i18n.language,
      );
    const providers = draft ? draftRecordsOf(draft, 'provider').filter((r) => searchableText(r).includes(words)) : [];
    const counts = new Map<string, number>();
    for (const key of draft?.issueKeys ?? []) counts.set(key, (counts.get(key) ?? 0) + 1);
    return {
      active: providers.filter((r) => !r.archived).sort(byName),
      archived: providers.filter((r) => r.archived).sort(byName),
      issuesByKey: counts,
    };
  }, [draft, query, i18n.language]);

  const withIssues = active.filter((record) => issuesByKey.has(record.key)).length;

  return (
    <section aria-labelledby="providers-title">
      <h1 id="providers-title">{t('providers.title')}</h1>
      {jurisdiction?.canEdit && (
        <p>
          <Link className="action action-primary" to={`${base}/providers/new`}>
            {t('providers.new')}
          </Link>
        </p>
      )}
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {!draft && !error && <p className="loading">{t('shell.loading')}</p>}
      {draft && (
        <>
          <search className="search-form">
            <label htmlFor="providers-search">{t('providers.search')}</label>
            <input
              id="providers-search"
              type="search"
              value={query}
              autoComplete="off"
              onChange={(event) => setQuery(event.target.value)}
            />
          </search>
          <p className="result-count" role="status">
            {t('providers.count', { count: active.length })}
            {withIssues > 0 && ` · ${t('providers.withIssues', { count: withIssues })}`}
          </p>
          <ProviderList records={active} base={base} issuesByKey={issuesByKey} />
          <h2>{t('providers.archivedTitle')}</h2>
          <p className="field-hint">{t('providers.archivedExplain')}</p>
          {archived.length === 0 ? (
            <p>{t('providers.noneArchived')}</p>
          ) : (
            <ProviderList records={archived} base={base} issuesByKey={issuesByKey} />
          )}
        </>
      )}
    </section>
  );
}
