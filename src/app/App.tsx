import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { HomePage } from './features/home/HomePage.tsx';
import { NotFoundPage } from './features/not-found/NotFoundPage.tsx';
import { appRoutes } from './routes.ts';
import { Layout } from './ui/Layout.tsx';
import { UpdatePrompt } from './update/UpdatePrompt.tsx';

const DisplaySettingsPage = lazy(() =>
  import('./features/display-settings/DisplaySettingsPage.tsx').then((m) => ({ default: m.DisplaySettingsPage })),
);

type Props = { updateReady?: boolean; applyUpdate?: () => void };

/** The app's pages. The router and the i18n instance are provided by the caller. */
export function App({ updateReady = false, applyUpdate = () => {} }: Props) {
  return (
    <Layout banner={<UpdatePrompt updateReady={updateReady} applyUpdate={applyUpdate} />}>
      <Suspense fallback={null}>
        <Routes>
          <Route path={appRoutes.home} element={<HomePage />} />
          <Route path={appRoutes.displaySettings} element={<DisplaySettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
