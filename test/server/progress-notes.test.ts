import { describeOnEngine } from './support/engines.ts';
import { describeProgressNotes } from './support/progress-notes-suite.ts';

/** Progress notes stored exactly once, through the store and over HTTP, on the embedded engine and on PostgreSQL. */
for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'progress notes', (makeHarness) => describeProgressNotes(engine, makeHarness));
}
