import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { App } from '../../src/app/App.tsx';
import { createI18n } from '../../src/app/i18n/i18n.ts';
import type { Language } from '../../src/app/i18n/languages.ts';
import type { SessionOptions } from '../../src/app/session/SessionProvider.tsx';
import type { Updates } from '../../src/app/update/updates.ts';

type Options = { path?: string; language?: Language; updates?: Updates | null; session?: SessionOptions };

/** Renders the whole app at one address, as a person would meet it. */
export function renderApp({ path = '/', language = 'en', updates = null, session = { deviceMode: 'tablet' } }: Options = {}) {
  const i18n = createI18n(language);
  const result = render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={[path]}>
        <App updates={updates} session={session} />
      </MemoryRouter>
    </I18nextProvider>,
  );
  return { ...result, i18n };
}
