import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { chooseLanguage } from '../i18n/i18n';
import { ProtectionProvider, UnlockScreen, useProtection } from '../protection/ProtectionProvider';
import { QuickExitButton } from '../protection/QuickExitButton';
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
  return (
    <ProtectionProvider>
      <Shell />
    </ProtectionProvider>
  );
}

/**
 * With a PIN set, a locked app shows the unlock screen instead of any screen: the handbook
 * too may hold what only enrolled workers should see. Without a PIN every screen shows as it is.
 */
function Shell() {
  const { t } = useTranslation();
  const { status } = useProtection();
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
        {status !== 'locked' && (
          <Link to="/settings" className="top-action">
            {t('nav.settings')}
          </Link>
        )}
        <QuickExitButton />
      </header>
      <StorageProblemBanner />
      <UpdatePrompt />
      <main id="main" tabIndex={-1}>
        {status === 'locked' ? (
          <Suspense fallback={null}>
            <UnlockScreen />
          </Suspense>
        ) : (
          status !== 'loading' && <Outlet />
        )}
      </main>
    </div>
  );
}
