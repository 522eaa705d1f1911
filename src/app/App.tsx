import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { HomePage } from './features/home/HomePage.tsx';
import { NotFoundPage } from './features/not-found/NotFoundPage.tsx';
import { appRoutes } from './routes.ts';
import { Layout } from './ui/Layout.tsx';
import { UpdatePrompt } from './update/UpdatePrompt.tsx';

// Pages other than home are loaded when first opened (and precached for offline use).
const DisplaySettingsPage = lazy(() => import('./features/display-settings/DisplaySettingsPage.tsx').then((m) => ({ default: m.DisplaySettingsPage })));
const ExplainersPage = lazy(() => import('./features/explainers/ExplainersPage.tsx').then((m) => ({ default: m.ExplainersPage })));
const TopicPage = lazy(() => import('./features/explainers/TopicPage.tsx').then((m) => ({ default: m.TopicPage })));
const GlossaryPage = lazy(() => import('./features/glossary/GlossaryPage.tsx').then((m) => ({ default: m.GlossaryPage })));
const TermPage = lazy(() => import('./features/glossary/TermPage.tsx').then((m) => ({ default: m.TermPage })));
const SearchPage = lazy(() => import('./features/search/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));

type Props = { updateReady?: boolean; applyUpdate?: () => void };

/** The app's pages. The router and the i18n instance are provided by the caller. */
export function App({ updateReady = false, applyUpdate = () => {} }: Props) {
  return (
    <Layout banner={<UpdatePrompt updateReady={updateReady} applyUpdate={applyUpdate} />}>
      <Suspense fallback={null}>
        <Routes>
          <Route path={appRoutes.home} element={<HomePage />} />
          <Route path={appRoutes.explainers} element={<ExplainersPage />} />
          <Route path={`${appRoutes.explainers}/:topicId`} element={<TopicPage />} />
          <Route path={appRoutes.glossary} element={<GlossaryPage />} />
          <Route path={`${appRoutes.glossary}/:termId`} element={<TermPage />} />
          <Route path={appRoutes.search} element={<SearchPage />} />
          <Route path={appRoutes.displaySettings} element={<DisplaySettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
