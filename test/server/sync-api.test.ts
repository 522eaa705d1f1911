import { describeOnEngine } from './support/engines.ts';
import { describeSyncApi } from './support/sync-api-suite.ts';

/** Sign-in, pull and push over HTTP, on the embedded engine and on PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'sign-in and sync over HTTP', (makeHarness) => describeSyncApi(engine, makeHarness));
}
