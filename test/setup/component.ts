import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadLocale } from '../../src/format/index.ts';

// As main.tsx does before the first render: Welsh dates need Welsh formatting data. (The lazy
// loading itself is tested in test/unit/format-loading.test.ts, on a fresh copy of the module.)
await loadLocale('cy');

// Guides load their words lazily, as in the app; give slow machines time.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
