import './zod-without-eval.ts';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles/app.scss';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { chooseLanguage, createI18n, loadLanguage } from './i18n/i18n.ts';
import { fallbackLanguage, initialLanguage, isLanguage } from './i18n/languages.ts';
import { registerServiceWorker } from './update/register.ts';

// Once per page (not per render): the service worker and its updates. Not in `vite` dev mode.
const updates = import.meta.env.PROD ? registerServiceWorker() : null;

// A shared link can carry ?lang=cy: it is honoured (and remembered) once, then the address tidied.
const url = new URL(window.location.href);
const requested = url.searchParams.get('lang');
if (isLanguage(requested)) {
  url.searchParams.delete('lang');
  window.history.replaceState(window.history.state, '', url);
}

// A language other than English is fetched before the first render (from the cache, offline), so
// the first page is never a mix of two languages. English is here already: this goes on at once.
const language = isLanguage(requested) ? requested : initialLanguage(globalThis.localStorage, globalThis.navigator?.language);
void loadLanguage(language).then((ready) => {
  const i18n = createI18n(ready ? language : fallbackLanguage);
  if (isLanguage(requested)) void chooseLanguage(i18n, requested);

  const container = document.getElementById('root');
  if (container) {
    createRoot(container).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <BrowserRouter>
            <App updates={updates} />
          </BrowserRouter>
        </I18nextProvider>
      </StrictMode>,
    );
  }
});
