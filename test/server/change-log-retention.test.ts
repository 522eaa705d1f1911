import { describeChangeLogRetention } from './support/change-log-retention-suite.ts';
import { describeOnEngine } from './support/engines.ts';

/** The change log's retention rule, on the embedded engine and on PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'change log retention', (makeHarness) => describeChangeLogRetention(engine, makeHarness));
}
