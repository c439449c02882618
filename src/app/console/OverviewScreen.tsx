import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { JURISDICTION_SECTIONS } from './ConsoleLayout';
import { ConsoleProblem } from './ConsoleProblem';
import { draftRecordsOf, useDraft } from './draft';
import { useConsoleJurisdiction } from './jurisdictions';
import { jurisdictionPage } from './paths';
import { textIn } from './text';

/** The newest save in a draft: who changed something last, and when. */
function lastEdit(records: { updatedAt: string; updatedBy: string | null }[]) {
  return records
    .filter((record) => record.updatedBy !== null)
    .reduce<(typeof records)[number] | undefined>(
      (latest, record) => (!latest || record.updatedAt > latest.updatedAt ? record : latest),
      undefined,
    );
}

/** /admin/j/:jurisdictionId: where the draft stands, and the way to each section. */
export function OverviewScreen() {
  const { t, i18n } = useTranslation('console');
  const { jurisdictionId = '' } = useParams();
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const { draft, error, reload } = useDraft(jurisdictionId);
  const edited = draft && lastEdit(draft.records);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{jurisdiction ? textIn(jurisdiction.name, i18n.language) : jurisdictionId}</h1>
      {jurisdiction && !jurisdiction.canEdit && <p className="notice">{t('overview.readOnly')}</p>}
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {!draft && !error && <p className="loading">{t('shell.loading')}</p>}
      {draft && (
        <>
          <h2>{t('overview.draftTitle')}</h2>
          <ul className="console-facts">
            <li>
              {draft.latestRelease === null
                ? t('overview.noRelease')
                : t('overview.startedFrom', { number: draft.latestRelease })}
            </li>
            <li>
              {draft.changes.length === 0
                ? t('overview.noChanges')
                : t('overview.changes', { count: draft.changes.length })}
            </li>
            {draft.issues.length > 0 && (
              <li className="field-error">{t('overview.issues', { count: draft.issues.length })}</li>
            )}
            {edited && (
              <li>
                {t('overview.lastEdit', {
                  who: edited.updatedBy,
                  when: when.format(new Date(edited.updatedAt)),
                })}
              </li>
            )}
            <li>
              {t('overview.counts', {
                providers: draftRecordsOf(draft, 'provider').filter((record) => !record.archived).length,
                checklists: draftRecordsOf(draft, 'checklist').length,
              })}
            </li>
          </ul>
          {(draft.changes.length > 0 || draft.issues.length > 0) && (
            <p>
              <Link className="action action-primary" to={jurisdictionPage(jurisdictionId, 'publish')}>
                {t('overview.goPublish')}
              </Link>
            </p>
          )}
        </>
      )}
      <h2>{t('overview.sectionsTitle')}</h2>
      <ul className="card-list console-sections">
        {JURISDICTION_SECTIONS.filter(
          (section) => section.path !== '' && (!section.keeper || jurisdiction?.canEdit),
        ).map((section) => (
          <li key={section.key}>
            <Link className="card-link" to={jurisdictionPage(jurisdictionId, section.path)}>
              <span className="card-title">{t(`nav.${section.key}`)}</span>
              <span className="card-meta">{t(`overview.explain.${section.key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
