import { describeOnEngine } from './support/engines.ts';
import { describeDelivery } from './support/delivery-suite.ts';

/** Delivery from kiosks over HTTP, on the embedded engine and on PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'kiosk delivery', (makeHarness) => describeDelivery(engine, makeHarness));
}
