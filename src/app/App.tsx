import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { HomePage } from './features/home/HomePage.tsx';
import { appRoutes } from './routes.ts';
import { type SessionOptions, SessionProvider } from './session/SessionProvider.tsx';
import { Layout } from './ui/Layout.tsx';
import { UpdatePrompt } from './update/UpdatePrompt.tsx';
import type { Updates } from './update/updates.ts';

// Pages other than home are loaded when first opened (and precached for offline use).
const DisplaySettingsPage = lazy(() => import('./features/display-settings/DisplaySettingsPage.tsx').then((m) => ({ default: m.DisplaySettingsPage })));
const ExplainersPage = lazy(() => import('./features/explainers/ExplainersPage.tsx').then((m) => ({ default: m.ExplainersPage })));
const TopicPage = lazy(() => import('./features/explainers/TopicPage.tsx').then((m) => ({ default: m.TopicPage })));
const GlossaryPage = lazy(() => import('./features/glossary/GlossaryPage.tsx').then((m) => ({ default: m.GlossaryPage })));
const TermPage = lazy(() => import('./features/glossary/TermPage.tsx').then((m) => ({ default: m.TermPage })));
const SearchPage = lazy(() => import('./features/search/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const SignInPage = lazy(() => import('./features/sign-in/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const PlanPage = lazy(() => import('./features/plan/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const GoalPage = lazy(() => import('./features/plan/GoalPage.tsx').then((m) => ({ default: m.GoalPage })));
const TimelinePage = lazy(() => import('./features/plan/TimelinePage.tsx').then((m) => ({ default: m.TimelinePage })));
const PrintPage = lazy(() => import('./features/plan/PrintPage.tsx').then((m) => ({ default: m.PrintPage })));
const ApplicationsPage = lazy(() => import('./features/applications/ApplicationsPage.tsx').then((m) => ({ default: m.ApplicationsPage })));
const QuestionnairePage = lazy(() => import('./features/questionnaire/QuestionnairePage.tsx').then((m) => ({ default: m.QuestionnairePage })));
const KioskSetupPage = lazy(() => import('./features/kiosk-setup/KioskSetupPage.tsx').then((m) => ({ default: m.KioskSetupPage })));
const NotFoundPage = lazy(() => import('./features/not-found/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })));

type Props = { /** Service-worker updates (see update/). */ updates?: Updates | null; /** Sign-in and sync set-up (tests pass fakes). */ session?: SessionOptions };

/** The app's pages. The router and the i18n instance are provided by the caller. */
export function App({ updates = null, session }: Props) {
  return (
    <SessionProvider {...(session ? { options: session } : {})}>
      <Layout banner={<UpdatePrompt updates={updates} />}>
        <Suspense fallback={null}>
          <Routes>
            <Route path={appRoutes.home} element={<HomePage />} />
            <Route path={appRoutes.explainers} element={<ExplainersPage />} />
            <Route path={`${appRoutes.explainers}/:topicId`} element={<TopicPage />} />
            <Route path={appRoutes.glossary} element={<GlossaryPage />} />
            <Route path={`${appRoutes.glossary}/:termId`} element={<TermPage />} />
            <Route path={appRoutes.search} element={<SearchPage />} />
            <Route path={appRoutes.displaySettings} element={<DisplaySettingsPage />} />
            <Route path={appRoutes.signIn} element={<SignInPage />} />
            <Route path={appRoutes.plan} element={<PlanPage />} />
            <Route path={`${appRoutes.plan}/goals/:objectiveId`} element={<GoalPage />} />
            <Route path={appRoutes.planTimeline} element={<TimelinePage />} />
            <Route path={appRoutes.planPrint} element={<PrintPage />} />
            <Route path={`${appRoutes.applications}/*`} element={<ApplicationsPage />} />
            <Route path={`${appRoutes.questionnaire}/*`} element={<QuestionnairePage />} />
            <Route path={appRoutes.kioskSetup} element={<KioskSetupPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}
