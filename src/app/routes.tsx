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

const CaseWorkLayout = lazy(() =>
  import('./features/cases/components/CaseWorkLayout').then((m) => ({ default: m.CaseWorkLayout })),
);
const CasesScreen = lazy(() =>
  import('./features/cases/components/CasesScreen').then((m) => ({ default: m.CasesScreen })),
);
const NewCaseScreen = lazy(() =>
  import('./features/cases/components/NewCaseScreen').then((m) => ({ default: m.NewCaseScreen })),
);
const CaseScreen = lazy(() =>
  import('./features/cases/components/CaseScreen').then((m) => ({ default: m.CaseScreen })),
);

const GuidedScreeningScreen = lazy(() =>
  import('./features/identification/components/GuidedScreeningScreen').then((m) => ({
    default: m.GuidedScreeningScreen,
  })),
);
const PersonModeScreen = lazy(() =>
  import('./features/identification/components/PersonModeScreen').then((m) => ({ default: m.PersonModeScreen })),
);
const ReferralFormScreen = lazy(() =>
  import('./features/referrals/components/ReferralFormScreen').then((m) => ({ default: m.ReferralFormScreen })),
);
const ReferralsScreen = lazy(() =>
  import('./features/referrals/components/ReferralsScreen').then((m) => ({ default: m.ReferralsScreen })),
);
const ReferralScreen = lazy(() =>
  import('./features/referrals/components/ReferralScreen').then((m) => ({ default: m.ReferralScreen })),
);
const ReferralSlipScreen = lazy(() =>
  import('./features/referrals/components/ReferralSlipScreen').then((m) => ({ default: m.ReferralSlipScreen })),
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
          <Route element={deferred(<CaseWorkLayout />)}>
            <Route path="cases" element={deferred(<CasesScreen />)} />
            <Route path="cases/new" element={deferred(<NewCaseScreen />)} />
            <Route path="cases/:caseId" element={deferred(<CaseScreen />)} />
            <Route path="cases/:caseId/screening/:checklistId" element={deferred(<GuidedScreeningScreen />)} />
            <Route path="cases/:caseId/screening/:checklistId/person" element={deferred(<PersonModeScreen />)} />
            <Route path="cases/:caseId/refer/:stepId" element={deferred(<ReferralFormScreen />)} />
            <Route path="referrals" element={deferred(<ReferralsScreen />)} />
            <Route path="referrals/:referralId" element={deferred(<ReferralScreen />)} />
            <Route path="referrals/:referralId/slip" element={deferred(<ReferralSlipScreen />)} />
          </Route>
          <Route path="*" element={<NotFound kind="page" />} />
        </Route>
        <Route path="*" element={<NotFound kind="page" />} />
      </Route>
    </Routes>
  );
}
