import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell';
import { JurisdictionLayout } from './components/JurisdictionLayout';
import { NotFound } from './components/NotFound';
import { HomeRedirect } from './features/jurisdictions/components/HomeRedirect';
import { JurisdictionPicker } from './features/jurisdictions/components/JurisdictionPicker';
import { RouteScreen } from './features/route/components/RouteScreen';

// The route screen is the critical path; every other screen loads on demand (and is precached).
const DirectoryScreen = lazy(() =>
  import('./features/providers/components/DirectoryScreen').then((m) => ({ default: m.DirectoryScreen })),
);
const ProviderDetailScreen = lazy(() =>
  import('./features/providers/components/ProviderDetailScreen').then((m) => ({ default: m.ProviderDetailScreen })),
);
const ChecklistsScreen = lazy(() =>
  import('./features/checklists/components/ChecklistsScreen').then((m) => ({ default: m.ChecklistsScreen })),
);
const ChecklistScreen = lazy(() =>
  import('./features/checklists/components/ChecklistScreen').then((m) => ({ default: m.ChecklistScreen })),
);
const SettingsScreen = lazy(() =>
  import('./features/settings/components/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
);

const EnrolScreen = lazy(() =>
  import('./features/enrolment/components/EnrolScreen').then((m) => ({ default: m.EnrolScreen })),
);

/**
 * The coordinator console: its own chunks, never precached (it needs a connection anyway).
 * Without a connection its chunk cannot load: the coordinator is told so instead of a blank page.
 */
const ConsoleApp = lazy(() =>
  import('./console/ConsoleApp').then(
    (m) => ({ default: m.ConsoleApp }),
    () => ({ default: ConsoleUnreachable }),
  ),
);

function ConsoleUnreachable() {
  const { t } = useTranslation();
  return (
    <main id="main">
      <p className="notice" role="alert">
        {t('enrol.error.offline')}
      </p>
    </main>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('app.loading')}</p>;
}

const deferred = (screen: ReactNode) => <Suspense fallback={<Loading />}>{screen}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="admin/*" element={deferred(<ConsoleApp />)} />
      <Route element={<AppShell />}>
        <Route index element={<HomeRedirect />} />
        <Route path="jurisdictions" element={<JurisdictionPicker />} />
        <Route path="settings" element={deferred(<SettingsScreen />)} />
        <Route path="enrol" element={deferred(<EnrolScreen />)} />
        <Route path="j/:jurisdictionId" element={<JurisdictionLayout />}>
          <Route index element={<RouteScreen />} />
          <Route path="providers" element={deferred(<DirectoryScreen />)} />
          <Route path="providers/:providerId" element={deferred(<ProviderDetailScreen />)} />
          <Route path="checklists" element={deferred(<ChecklistsScreen />)} />
          <Route path="checklists/:checklistId" element={deferred(<ChecklistScreen />)} />
          <Route path="*" element={<NotFound kind="page" />} />
        </Route>
        <Route path="*" element={<NotFound kind="page" />} />
      </Route>
    </Routes>
  );
}
