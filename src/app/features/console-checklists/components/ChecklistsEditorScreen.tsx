import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { draftRecordsOf, useDraft } from '../../../console/draft';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { textIn } from '../../../console/text';
import { checklistForm, indicatorIdsOf } from '../model/checklist-form';

/** /admin/j/:jurisdictionId/checklists — the draft's identification checklists, and a new one. */
export function ChecklistsEditorScreen() {
  const { t, i18n } = useTranslation('console-editors');
  const { jurisdictionId = '' } = useParams();
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const { draft, error, reload } = useDraft(jurisdictionId);
  const base = `/admin/j/${encodeURIComponent(jurisdictionId)}/checklists`;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const checklists = draft ? draftRecordsOf(draft, 'checklist') : [];

  return (
    <section aria-labelledby="checklists-title" className="editor-screen">
      <h1 id="checklists-title">{t('checklists.title')}</h1>
      <p className="field-hint">{t('checklists.explain')}</p>
      {jurisdiction && !jurisdiction.canEdit && <p className="notice">{t('readOnly')}</p>}
      {jurisdiction?.canEdit && (
        <p>
          <Link className="action action-primary" to={`${base}/new`}>
            {t('checklists.create')}
          </Link>
        </p>
      )}
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {!draft && !error && <p className="loading">{t('loading')}</p>}
      {draft && checklists.length === 0 && <p>{t('checklists.none')}</p>}
      {checklists.length > 0 && (
        <ul className="card-list">
          {checklists.map((record) => {
            const id = record.key.replace(/^checklist\//, '');
            const form = checklistForm(record.body);
            return (
              <li key={record.key}>
                <Link className="card-link" to={`${base}/${encodeURIComponent(id)}`}>
                  <span className="card-title">{textIn(form.title, i18n.language) || id}</span>
                  <span className="card-meta">
                    {t('checklists.counts', {
                      groups: t('checklists.groupCount', { count: form.groups.length }),
                      indicators: t('checklists.indicatorCount', { count: indicatorIdsOf(form).length }),
                    })}
                  </span>
                  {record.updatedBy && (
                    <span className="card-meta">
                      {t('checklists.savedBy', {
                        who: record.updatedBy,
                        when: when.format(new Date(record.updatedAt)),
                      })}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
