import { describeOnEngine } from './support/engines.ts';
import { describeStaffPeopleApi } from './support/staff-people-suite.ts';

/** People, plans, PIN resets and connected systems on the staff API, on the embedded engine and on PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'people, plans and connected systems', (makeHarness) => describeStaffPeopleApi(engine, makeHarness));
}
