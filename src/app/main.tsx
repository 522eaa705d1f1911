import './zod-without-eval.ts';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles/app.scss';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { chooseLanguage, createI18n, loadFirstPage } from './i18n/i18n.ts';
import { fallbackLanguage, initialLanguage, isLanguage } from './i18n/languages.ts';
import type { Updates } from './update/updates.ts';

// Whether a service worker controlled this page when it loaded (a first install has nothing to
// update), read before anything can change it. The worker is registered once the first page is up.
const hadController = (globalThis.navigator?.serviceWorker?.controller ?? null) !== null;

// A shared link can carry ?lang=cy: it is honoured (and remembered) once, then the address tidied.
const url = new URL(window.location.href);
const requested = url.searchParams.get('lang');
if (isLanguage(requested)) {
  url.searchParams.delete('lang');
  window.history.replaceState(window.history.state, '', url);
}

// A language other than English is fetched before the first render (from the cache, offline), so
// the first page is never a mix of two languages. English is here already (the first page's words:
// i18n/strings.ts): this goes on at once.
const language = isLanguage(requested) ? requested : initialLanguage(globalThis.localStorage, globalThis.navigator?.language);
void loadFirstPage(language).then((ready) => {
  const i18n = createI18n(ready ? language : fallbackLanguage);
  if (isLanguage(requested)) void chooseLanguage(i18n, requested);

  const container = document.getElementById('root');
  if (!container) return;
  const root = createRoot(container);
  const show = (updates: Updates | null) =>
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <BrowserRouter>
            <App updates={updates} />
          </BrowserRouter>
        </I18nextProvider>
      </StrictMode>,
    );
  show(null);
  // Once per page: the service worker (every page offline) and its updates. Not in `vite` dev mode.
  if (import.meta.env.PROD) void import('./update/register.ts').then(({ registerServiceWorker }) => show(registerServiceWorker(hadController)));
});
