import { describeOnEngine } from './support/engines.ts';
import { describeSyncStoreContract } from './support/sync-store-contract.ts';

/** Sessions, sign-in limits and push: the same contract on the embedded engine and PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'sync store contract', (makeHarness) => describeSyncStoreContract(engine, makeHarness));
}
