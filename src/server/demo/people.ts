import type { DemoPerson } from './build.ts';
import { fourYearSentence } from './plans/four-year-sentence.ts';
import { lifeSentence } from './plans/life-sentence.ts';
import { mappaLevelTwo } from './plans/mappa-level-two.ts';
import { shortSentence } from './plans/short-sentence.ts';

/** The made-up people loaded into an empty database. None of them is a real person. */
export const demoPeople: readonly DemoPerson[] = [fourYearSentence, lifeSentence, shortSentence, mappaLevelTwo];

export type DemoSignIn = { prisonNumber: string; pin: string; name: string; summary: string };

/** Who to sign in as when trying the demo. */
export const demoSignIns: readonly DemoSignIn[] = demoPeople.map((person) => ({
  prisonNumber: person.prisonNumber,
  pin: person.pin,
  name: person.displayName,
  summary: person.summary,
}));
