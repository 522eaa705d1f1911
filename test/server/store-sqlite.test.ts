import { sqliteHarness } from './support/store-harness.ts';
import { describeStoreContract } from './support/store-contract.ts';

describeStoreContract('sqlite', sqliteHarness);
