import { describeOnEngine } from './support/engines.ts';
import { describeStoreContract } from './support/store-contract.ts';

/**
 * The same contract against PostgreSQL, when TEST_DATABASE_URL is set (`npm run test:pg` sets it).
 * Under CI the PostgreSQL leg is required: without a database this fails instead of skipping
 * (see support/engines.ts).
 */
describeOnEngine('postgres', 'store contract', (makeHarness) => describeStoreContract('postgres', makeHarness));
