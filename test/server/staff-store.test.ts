import { describeOnEngine } from './support/engines.ts';
import { describeStaffStoreContract } from './support/staff-store-contract.ts';

/** Prisons, staff accounts, sign-ins and waits, the inbox and the audit trail: the same contract on both engines. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'staff store contract', (makeHarness) => describeStaffStoreContract(engine, makeHarness));
}
