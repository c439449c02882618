import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { APP_LANGUAGES, type AppLanguage } from '../i18n/resolve-language';
import { useConsoleJurisdiction } from './jurisdictions';
import { jurisdictionPage } from './paths';
import { ScreenBoundary } from './ScreenBoundary';
import { type SignedInAccount, useSession } from './session';
import { switchConsoleLanguage } from './strings';
import { textIn } from './text';

/**
 * The sections of a jurisdiction, in the order a coordinator works through them; `keeper`
 * sections are only for whoever may edit it (a trainer reads handbooks and releases).
 */
export const JURISDICTION_SECTIONS = [
  { path: '', key: 'overview', keeper: false },
  { path: 'providers', key: 'providers', keeper: false },
  { path: 'route', key: 'route', keeper: false },
  { path: 'checklists', key: 'checklists', keeper: false },
  { path: 'publish', key: 'publish', keeper: false },
  { path: 'releases', key: 'releases', keeper: false },
  { path: 'field-reports', key: 'fieldReports', keeper: true },
  { path: 'devices', key: 'devices', keeper: true },
  { path: 'audit', key: 'audit', keeper: true },
  { path: 'hsds', key: 'hsds', keeper: false },
] as const;

function LanguageSwitch() {
  const { t, i18n } = useTranslation('console');
  return (
    <fieldset className="console-languages">
      <legend className="visually-hidden">{t('shell.language')}</legend>
      {APP_LANGUAGES.map((language: AppLanguage) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="console-header-button"
          aria-pressed={i18n.language === language}
          onClick={() => void switchConsoleLanguage(language)}
        >
          {new Intl.DisplayNames([language], { type: 'language' }).of(language)}
        </button>
      ))}
    </fieldset>
  );
}

function SignedInPerson({ account }: { account: SignedInAccount }) {
  const { t } = useTranslation('console');
  const { signOut } = useSession();
  const navigate = useNavigate();
  const onSignOut = async () => {
    await signOut().catch((error) => console.error('Sign-out failed', error));
    navigate('/admin/login', { replace: true });
  };
  return (
    <div className="console-person">
      <p>
        <span className="console-person-name">{account.displayName}</span>{' '}
        <span className="console-person-role">{t(`role.${account.role}`)}</span>
      </p>
      <button type="button" className="console-header-button" onClick={() => void onSignOut()}>
        {t('shell.signOut')}
      </button>
    </div>
  );
}

function JurisdictionNav({ jurisdictionId }: { jurisdictionId: string }) {
  const { t, i18n } = useTranslation('console');
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const sections = JURISDICTION_SECTIONS.filter((section) => !section.keeper || jurisdiction?.canEdit);
  return (
    <>
      <h2 className="console-nav-title">{jurisdiction ? textIn(jurisdiction.name, i18n.language) : jurisdictionId}</h2>
      <ul>
        {sections.map((section) => (
          <li key={section.key}>
            <NavLink to={jurisdictionPage(jurisdictionId, section.path)} end={section.path === ''}>
              {t(`nav.${section.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The console's page: header (who is signed in, language, sign out), navigation and the
 * screen — the route's, or `children` for pages shown before anyone is signed in.
 */
export function ConsoleLayout({ account, children }: { account?: SignedInAccount; children?: ReactNode }) {
  const { t } = useTranslation('console');
  const { pathname } = useLocation();
  const inJurisdiction = useMatch('/admin/j/:jurisdictionId/*');
  const jurisdictionId = inJurisdiction?.params.jurisdictionId;

  useEffect(() => {
    document.title = t('shell.title');
  }, [t]);

  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="console-header">
        <Link to="/admin" className="console-brand">
          {t('shell.brand')}
        </Link>
        <LanguageSwitch />
        {account && <SignedInPerson account={account} />}
      </header>
      <div className="console-body">
        {account && (
          <nav className="console-nav" aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink to="/admin" end>
                  {t('nav.jurisdictions')}
                </NavLink>
              </li>
              {account.role === 'admin' && (
                <>
                  <li>
                    <NavLink to="/admin/accounts">{t('nav.accounts')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/audit" end>
                      {t('nav.auditAll')}
                    </NavLink>
                  </li>
                </>
              )}
            </ul>
            {jurisdictionId && <JurisdictionNav jurisdictionId={jurisdictionId} />}
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          <ScreenBoundary key={pathname}>{children ?? <Outlet />}</ScreenBoundary>
        </main>
      </div>
    </div>
  );
}
