import { describeOnEngine } from './support/engines.ts';
import { describeSignInApi } from './support/sign-in-api-suite.ts';

/** The sign-in limits over HTTP, on the embedded engine and on PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'sign-in limits over HTTP', (makeHarness) => describeSignInApi(engine, makeHarness));
}
