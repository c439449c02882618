import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { DraftRecord } from '../../../../core/console/protocol';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { draftRecordsOf, useDraft } from '../../../console/draft';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { textIn } from '../../../console/text';
import '../../../components/editor/editor.css';
import { ChecklistEditor } from './ChecklistEditor';

const NEW = 'new';
const checklistId = (record: DraftRecord) => record.key.replace(/^checklist\//, '');

/** /admin/j/:jurisdictionId/checklists/:checklistId — one checklist, or a new one at `…/new`. */
export function ChecklistEditorScreen() {
  const { t, i18n } = useTranslation('console-editors');
  const { jurisdictionId = '', checklistId: chosen = NEW } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const { draft, error, reload } = useDraft(jurisdictionId);
  const list = `/admin/j/${encodeURIComponent(jurisdictionId)}/checklists`;
  const checklists = draft ? draftRecordsOf(draft, 'checklist') : [];
  const record = chosen === NEW ? null : checklists.find((c) => checklistId(c) === chosen);
  const otherIds = useMemo(
    () =>
      draft
        ? draftRecordsOf(draft, 'checklist')
            .map(checklistId)
            .filter((id) => id !== chosen)
        : [],
    [draft, chosen],
  );
  const title = record ? textIn(record.body.title as Record<string, unknown> | undefined, i18n.language) : '';
  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;

  const onSaved = async (saved: DraftRecord) => {
    await reload();
    if (chosen === NEW)
      navigate(`${list}/${encodeURIComponent(checklistId(saved))}`, { replace: true, state: { saved: true } });
  };

  return (
    <section aria-labelledby="checklist-editor-title" className="editor-screen">
      <p>
        <Link to={list}>{t('checklist.backToList')}</Link>
      </p>
      <h1 id="checklist-editor-title">{chosen === NEW ? t('checklist.newTitle') : title || chosen}</h1>
      {jurisdiction && !jurisdiction.canEdit && <p className="notice">{t('readOnly')}</p>}
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {!draft && !error && <p className="loading">{t('loading')}</p>}
      {draft && record === undefined && <p className="notice">{t('checklist.notInDraft')}</p>}
      {draft && record !== undefined && (chosen !== NEW || jurisdiction?.canEdit) && (
        <ChecklistEditor
          key={`${jurisdictionId}/${chosen}`}
          jurisdictionId={jurisdictionId}
          record={record}
          otherIds={otherIds}
          canEdit={jurisdiction?.canEdit ?? false}
          justSaved={justSaved}
          onSaved={(saved) => void onSaved(saved)}
        />
      )}
    </section>
  );
}
