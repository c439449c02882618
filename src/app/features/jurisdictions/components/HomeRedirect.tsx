import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useJurisdictions, useSetting } from '../../../handbook/hooks';
import { JurisdictionPicker } from './JurisdictionPicker';

/** The start page: straight to the last jurisdiction the worker used, else the picker. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const [lastId, loaded] = useSetting<string>('lastJurisdictionId');
  const jurisdictions = useJurisdictions();
  if (!loaded || !jurisdictions) return <p className="loading">{t('app.loading')}</p>;
  if (lastId && jurisdictions.some((j) => j.id === lastId)) return <Navigate to={`/j/${lastId}${search}`} replace />;
  return <JurisdictionPicker />;
}
