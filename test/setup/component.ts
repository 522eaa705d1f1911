import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadLanguage } from '../../src/app/i18n/i18n.ts';

// As main.tsx does before the first render: Welsh is fetched (words and date data) before a page
// is shown in it. (The fetching itself is tested in test/unit/language-loading.test.ts, on fresh
// copies of the modules.)
await loadLanguage('cy');

// Guides load their words lazily, as in the app; give slow machines time.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
