import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useParams } from 'react-router';
import { CurrentHandbookProvider, useHandbook, useHandbookStore } from '../handbook/hooks';
import { languageChosenBy, showLanguage } from '../i18n/i18n';
import { HandbookStatus } from './HandbookStatus';
import { NotFound } from './NotFound';

/** Loads the jurisdiction named in the URL once for every screen under /j/:jurisdictionId. */
export function JurisdictionLayout() {
  const { t, i18n } = useTranslation();
  const { jurisdictionId = '' } = useParams();
  const { store } = useHandbookStore();
  const handbook = useHandbook(jurisdictionId);

  useEffect(() => {
    if (!handbook) return;
    void store.saveSetting('lastJurisdictionId', handbook.jurisdiction.id);
    if (languageChosenBy() === 'jurisdiction' && i18n.language !== handbook.jurisdiction.defaultLanguage) {
      void showLanguage(handbook.jurisdiction.defaultLanguage);
    }
  }, [handbook, store, i18n]);

  if (handbook === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (handbook === null) return <NotFound kind="jurisdiction" />;
  return (
    <CurrentHandbookProvider value={handbook}>
      <HandbookStatus release={handbook.release} />
      <Outlet />
      {/* Only a jurisdiction the device holds gets the sections: their links would lead nowhere otherwise. */}
      <nav className="bottom-nav" aria-label={t('nav.label')}>
        <NavLink to={`/j/${jurisdictionId}`} end>
          {t('nav.route')}
        </NavLink>
        <NavLink to={`/j/${jurisdictionId}/providers`}>{t('nav.providers')}</NavLink>
        <NavLink to={`/j/${jurisdictionId}/checklists`}>{t('nav.checklists')}</NavLink>
        <NavLink to={`/j/${jurisdictionId}/cases`}>{t('nav.cases')}</NavLink>
      </nav>
    </CurrentHandbookProvider>
  );
}
