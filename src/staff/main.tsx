import '../app/zod-without-eval.ts';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './staff.scss';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { createStaffI18n, loadStaffLanguage, savedStaffLanguage } from './i18n.ts';
import { PlainWordsContext } from './plain-words/checker.ts';
import { plainWordsChecker } from './plain-words/wired-checker.ts';
import { SessionProvider } from './session/SessionProvider.tsx';

// No service worker, ever: the console is never kept for offline use on any machine.
const language = savedStaffLanguage();
void loadStaffLanguage(language).then((ready) => {
  const i18n = createStaffI18n(ready ? language : 'en');
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <PlainWordsContext.Provider value={plainWordsChecker}>
          <BrowserRouter>
            <SessionProvider>
              <App />
            </SessionProvider>
          </BrowserRouter>
        </PlainWordsContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
});
