import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { FieldStrings } from '../../../i18n/field-strings';
import { ProtectedArea } from '../../../protection/ProtectionProvider';
import './cases.css';

const CASE_WORK_NAMESPACES = ['cases', 'identification', 'referrals', 'protection'] as const;

/** Every screen that holds a case's data: its strings loaded, and only ever shown unlocked. */
export function CaseWorkLayout() {
  const { t } = useTranslation();
  return (
    <FieldStrings namespaces={CASE_WORK_NAMESPACES} fallback={<p className="loading">{t('app.loading')}</p>}>
      <ProtectedArea>
        <Outlet />
      </ProtectedArea>
    </FieldStrings>
  );
}
