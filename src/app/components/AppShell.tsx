import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { chooseLanguage } from '../i18n/i18n';
import { StorageProblemBanner } from './StorageProblemBanner';
import { UpdatePrompt } from './UpdatePrompt';

/** `?lng=es|en` on any URL switches the language and remembers it. */
function useLanguageFromQuery() {
  const { search } = useLocation();
  const { i18n } = useTranslation();
  useEffect(() => {
    const requested = new URLSearchParams(search).get('lng');
    if (requested && requested !== i18n.language) void chooseLanguage(requested);
  }, [search, i18n]);
}

export function AppShell() {
  const { t } = useTranslation();
  useLanguageFromQuery();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <Link to="/jurisdictions" className="brand">
          {t('app.name')}
        </Link>
        <Link to="/settings" className="top-action">
          {t('nav.settings')}
        </Link>
      </header>
      <StorageProblemBanner />
      <UpdatePrompt />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
