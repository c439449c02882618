import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { createCase } from '../../../cases/case-store';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useVault } from '../../../protection/ProtectionProvider';

/**
 * Opens a new anonymous case and moves on: to the guided identification when started from a
 * checklist (`?checklist=`), else to the case itself. The history entry is replaced, so "back"
 * never creates a second case.
 */
export function NewCaseScreen() {
  const { t } = useTranslation('cases');
  const vault = useVault();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { jurisdiction, routes, checklists } = useCurrentHandbook();
  const started = useRef(false);
  const checklistId = search.get('checklist');
  const checklist = checklists.find((c) => c.id === checklistId);
  const [route] = routes;

  useEffect(() => {
    if (started.current || !route) return;
    started.current = true;
    void createCase(vault, { jurisdictionId: jurisdiction.id, routeId: route.id }).then((file) => {
      const base = `/j/${jurisdiction.id}/cases/${file.id}`;
      navigate(checklist ? `${base}/screening/${checklist.id}` : base, { replace: true });
    });
  }, [vault, jurisdiction.id, route, checklist, navigate]);

  return <p className="loading">{t('new.opening')}</p>;
}
