import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadLanguage } from '../../src/app/i18n/i18n.ts';

// Every word in both languages, as the app has them once a page other than the first is shown
// (the first page carries only its own English words; the app fetches the rest, and Welsh, before
// showing them: src/app/i18n/). Pages rendered here on their own, outside the app, need them at
// once. (The fetching itself is tested in test/unit/language-loading.test.ts, on fresh copies of
// the modules.)
await Promise.all([loadLanguage('en'), loadLanguage('cy')]);

// Guides load their words lazily, as in the app; give slow machines time.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
