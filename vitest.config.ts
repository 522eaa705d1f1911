import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Test layers, each runnable alone: `vitest run --project <name>`.
 * - unit: pure domain and content logic, plus React components in jsdom (fake-indexeddb for Dexie).
 * - server: the sync service and both storage engines (PostgreSQL when TEST_DATABASE_URL is set).
 * - e2e: the built app served by the real service, driven in Debian's Chromium.
 */
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/component/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/setup/component.ts'],
          css: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
