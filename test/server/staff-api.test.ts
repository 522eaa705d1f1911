import { describeOnEngine } from './support/engines.ts';
import { describeStaffApi } from './support/staff-api-suite.ts';

/** The staff listener and the OMU API over HTTP, on the embedded engine and on PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'the staff listener and OMU API', (makeHarness) => describeStaffApi(engine, makeHarness));
}
