import { describe, it } from 'vitest';
import type { Engine } from '../../../src/server/store/index.ts';
import { postgresHarness, sqliteHarness, type HarnessFactory } from './store-harness.ts';

/**
 * Runs a suite on one engine. PostgreSQL needs TEST_DATABASE_URL (`npm run test:pg` sets it):
 * without it the suite is skipped, except under CI, where that is a failure. `npm run test:server`
 * asks for the embedded engine alone (SPC_SERVER_TESTS=embedded); `npm test` runs both legs.
 */
export function describeOnEngine(engine: Engine, title: string, suite: (makeHarness: HarnessFactory) => void): void {
  if (engine === 'sqlite') {
    suite(sqliteHarness);
    return;
  }
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const underCi = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());
  const embeddedOnly = process.env.SPC_SERVER_TESTS === 'embedded';
  if (databaseUrl) {
    suite(postgresHarness(databaseUrl));
  } else if (underCi && !embeddedOnly) {
    describe(`${title}: postgres`, () => {
      it('needs TEST_DATABASE_URL under CI', () => {
        throw new Error('CI=true but TEST_DATABASE_URL is not set. Run the server tests with `npm run test:pg`.');
      });
    });
  } else {
    describe.skip(`${title}: postgres (set TEST_DATABASE_URL, or run \`npm run test:pg\`)`, () => {
      it('runs only with a database', () => undefined);
    });
  }
}
