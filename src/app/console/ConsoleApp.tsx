import { type ComponentType, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { type AppLanguage, toAppLanguage } from '../i18n/resolve-language';
import { ConsoleLayout } from './ConsoleLayout';
import { ConsoleNotFound } from './ConsoleNotFound';
import { ConsoleProblem } from './ConsoleProblem';
import { JurisdictionsScreen } from './JurisdictionsScreen';
import { JurisdictionsProvider } from './jurisdictions';
import { LoginScreen } from './LoginScreen';
import { OverviewScreen } from './OverviewScreen';
import { SessionProvider, useSession } from './session';
import { consoleStringsLoaded, loadConsoleStrings, switchConsoleLanguage } from './strings';
import './console.css';

/** Each screen is its own chunk, loaded when the coordinator opens it. */
function screen<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

const ProvidersScreen = screen(
  () => import('../features/console-providers/components/ProvidersScreen'),
  (m) => m.ProvidersScreen,
);
const ProviderEditorScreen = screen(
  () => import('../features/console-providers/components/ProviderEditorScreen'),
  (m) => m.ProviderEditorScreen,
);
const RouteEditorScreen = screen(
  () => import('../features/console-route/components/RouteEditorScreen'),
  (m) => m.RouteEditorScreen,
);
const ChecklistsEditorScreen = screen(
  () => import('../features/console-checklists/components/ChecklistsEditorScreen'),
  (m) => m.ChecklistsEditorScreen,
);
const ChecklistEditorScreen = screen(
  () => import('../features/console-checklists/components/ChecklistEditorScreen'),
  (m) => m.ChecklistEditorScreen,
);
const PublishScreen = screen(
  () => import('../features/console-publishing/components/PublishScreen'),
  (m) => m.PublishScreen,
);
const ReleasesScreen = screen(
  () => import('../features/console-publishing/components/ReleasesScreen'),
  (m) => m.ReleasesScreen,
);
const DraftPreview = screen(
  () => import('./DraftPreview'),
  (m) => m.DraftPreview,
);
const FieldReportsScreen = screen(
  () => import('../features/console-field-reports/components/FieldReportsScreen'),
  (m) => m.FieldReportsScreen,
);
const DevicesScreen = screen(
  () => import('../features/console-devices/components/DevicesScreen'),
  (m) => m.DevicesScreen,
);
const AuditScreen = screen(
  () => import('../features/console-audit/components/AuditScreen'),
  (m) => m.AuditScreen,
);
const AccountsScreen = screen(
  () => import('../features/console-accounts/components/AccountsScreen'),
  (m) => m.AccountsScreen,
);
const HsdsScreen = screen(
  () => import('../features/console-hsds/components/HsdsScreen'),
  (m) => m.HsdsScreen,
);

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('app.loading')}</p>;
}

const deferred = (Screen: ComponentType) => (
  <Suspense fallback={<Loading />}>
    <Screen />
  </Suspense>
);

/**
 * Renders the console once its strings for the shown language are loaded: they are not part
 * of the field worker's start-up. `?lng=es|en` switches the language, as in the field app.
 */
function ConsoleStrings({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const { search } = useLocation();
  const language = (toAppLanguage(i18n.language) ?? 'es') as AppLanguage;
  const [, setLoaded] = useState<AppLanguage>();

  useEffect(() => {
    const requested = toAppLanguage(new URLSearchParams(search).get('lng'));
    if (requested && requested !== i18n.language) void switchConsoleLanguage(requested);
  }, [search, i18n]);

  useEffect(() => {
    if (consoleStringsLoaded(language)) return;
    loadConsoleStrings(language)
      .then(() => setLoaded(language))
      .catch((error) => console.error('The console strings could not load', error));
  }, [language]);

  return consoleStringsLoaded(language) ? children : <Loading />;
}

/** Screens past this point need someone signed in; without a session the coordinator is sent to sign in. */
function RequireSession() {
  const { state, recheck } = useSession();
  const location = useLocation();
  if (state.status === 'checking') return <Loading />;
  if (state.status === 'signed-out') {
    return <Navigate to="/admin/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (state.status === 'unknown') {
    return (
      <ConsoleLayout>
        <ConsoleProblem error={state.error} onRetry={() => void recheck()} />
      </ConsoleLayout>
    );
  }
  return (
    <JurisdictionsProvider>
      <ConsoleLayout account={state.session.account} />
    </JurisdictionsProvider>
  );
}

/** The coordinator console under /admin: its own layout, outside the field worker's shell. */
export function ConsoleApp() {
  return (
    <ConsoleStrings>
      <SessionProvider>
        <Routes>
          <Route path="login" element={<LoginScreen />} />
          <Route element={<RequireSession />}>
            <Route index element={<JurisdictionsScreen />} />
            <Route path="accounts" element={deferred(AccountsScreen)} />
            <Route path="audit" element={deferred(AuditScreen)} />
            <Route path="j/:jurisdictionId">
              <Route index element={<OverviewScreen />} />
              <Route path="providers" element={deferred(ProvidersScreen)} />
              <Route path="providers/new" element={deferred(ProviderEditorScreen)} />
              <Route path="providers/:providerId" element={deferred(ProviderEditorScreen)} />
              <Route path="route" element={deferred(RouteEditorScreen)} />
              <Route path="checklists" element={deferred(ChecklistsEditorScreen)} />
              <Route path="checklists/:checklistId" element={deferred(ChecklistEditorScreen)} />
              <Route path="publish" element={deferred(PublishScreen)} />
              <Route path="preview/*" element={deferred(DraftPreview)} />
              <Route path="releases" element={deferred(ReleasesScreen)} />
              <Route path="field-reports" element={deferred(FieldReportsScreen)} />
              <Route path="devices" element={deferred(DevicesScreen)} />
              <Route path="audit" element={deferred(AuditScreen)} />
              <Route path="hsds" element={deferred(HsdsScreen)} />
            </Route>
            <Route path="*" element={<ConsoleNotFound />} />
          </Route>
        </Routes>
      </SessionProvider>
    </ConsoleStrings>
  );
}
