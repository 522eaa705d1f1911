import { describe, it } from 'vitest';
import { postgresHarness } from './support/store-harness.ts';
import { describeStoreContract } from './support/store-contract.ts';

/**
 * The same contract against PostgreSQL, when TEST_DATABASE_URL is set (`npm run test:pg` sets it).
 * Under CI the PostgreSQL leg is required: without a database this fails instead of skipping.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const underCi = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

if (databaseUrl) {
  describeStoreContract('postgres', postgresHarness(databaseUrl));
} else if (underCi) {
  describe('store contract: postgres', () => {
    it('needs TEST_DATABASE_URL under CI', () => {
      throw new Error('CI=true but TEST_DATABASE_URL is not set. Run the server tests with `npm run test:pg`.');
    });
  });
} else {
  describe.skip('store contract: postgres (set TEST_DATABASE_URL, or run `npm run test:pg`)', () => {
    it('runs only with a database', () => undefined);
  });
}
