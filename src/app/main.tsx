import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles/app.scss';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { loadLocale } from '../format/index.ts';
import { createI18n } from './i18n/i18n.ts';
import { initialLanguage, isLanguage } from './i18n/languages.ts';
import { chooseLanguage } from './i18n/i18n.ts';
import { registerServiceWorker } from './update/register.ts';

// Dates in Welsh need Welsh month names: a small chunk, fetched (from the cache, offline) before
// the first render, so the first page is never a mix. English needs nothing: it resolves at once.
const language = initialLanguage(globalThis.localStorage, globalThis.navigator?.language);
await loadLocale(language);
const i18n = createI18n(language);

// A shared link can carry ?lang=cy: honour it once, then tidy the address.
const url = new URL(window.location.href);
const requested = url.searchParams.get('lang');
if (isLanguage(requested)) {
  void chooseLanguage(i18n, requested);
  url.searchParams.delete('lang');
  window.history.replaceState(window.history.state, '', url);
}

// Once per page (not per render): the service worker and its updates. Not in `vite` dev mode.
const updates = import.meta.env.PROD ? registerServiceWorker() : null;

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
