import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CaseFile } from '../../../../core/case/model';
import type { Checklist } from '../../../../core/handbook/schema';
import { useCaseFile } from '../../../cases/hooks';
import { NotFound } from '../../../components/NotFound';
import { useCurrentHandbook } from '../../../handbook/hooks';

/**
 * The case and checklist named in the URL (`cases/:caseId/screening/:checklistId`), once the case
 * is opened from the vault; "not found" for a case of another jurisdiction or a checklist a later
 * release removed.
 */
export function CaseChecklist({ children }: { children: (file: CaseFile, checklist: Checklist) => ReactNode }) {
  const { t } = useTranslation('identification');
  const { caseId = '', checklistId = '' } = useParams();
  const { jurisdiction, checklists } = useCurrentHandbook();
  const opened = useCaseFile(caseId);
  // Each save re-opens the case from the vault; meanwhile the screen keeps the copy it has,
  // rather than flashing "opening" and starting over.
  const known = useRef(opened);
  if (opened !== undefined) known.current = opened;
  const file = known.current;
  const checklist = checklists.find((c) => c.id === checklistId);
  if (!checklist) return <NotFound kind="checklist" jurisdictionId={jurisdiction.id} />;
  if (file === undefined) return <p className="loading">{t('screen.loading')}</p>;
  if (file === null || file.jurisdictionId !== jurisdiction.id) return <NotFound kind="page" />;
  return children(file, checklist);
}
