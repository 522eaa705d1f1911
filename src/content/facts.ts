/**
 * Counts and other numbers that explainer text may show, each with its source and the words of
 * shared/DOMAIN.md that back it. They are facts, not time limits (those live in src/domain/policy.ts).
 * Text shows them through `{{fact.NAME}}`, so a number is never typed into a topic by hand.
 *
 * `evidence` is quoted from DOMAIN.md; `items`, when given, are the things being counted
 * (the tests check that there are `value` of them and that DOMAIN.md names each one).
 */
export type ContentFact = {
  readonly value: number;
  /** Document and lines in shared/reference/. */
  readonly source: string;
  readonly evidence: string;
  readonly items?: readonly string[];
};

export const facts = {
  keyWorkerMinutesPerWeek: { value: 45, source: '001:17', evidence: 'about 45 minutes a week' },
  ogrsScoreLowest: { value: 0, source: '001:88', evidence: 'OGRS** (0–1 score' },
  ogrsScoreHighest: { value: 1, source: '001:88', evidence: 'OGRS** (0–1 score' },
  roshLevels: { value: 4, source: '001:117-122', evidence: 'Low / Medium / High / Very High', items: ['Low', 'Medium', 'High', 'Very High'] },
  pipeTypes: {
    value: 4,
    source: '001:293-301',
    evidence: 'four types: Preparation,\n  Provision, Progression, and community Approved Premises PIPEs',
    items: ['Preparation', 'Provision', 'Progression', 'Approved Premises PIPEs'],
  },
  pipeUnitsMen: { value: 15, source: '001:305', evidence: "15 units in the men's estate" },
  pipeUnitsWomen: { value: 3, source: '001:305', evidence: "3 in the women's estate" },
  pipeApprovedPremises: { value: 10, source: '001:307', evidence: '10 PIPE Approved Premises' },
  pipeApprovedPremisesWomen: { value: 3, source: '001:307', evidence: '(3 for women)' },
  mappaCategories: {
    value: 3,
    source: '001:321-327',
    evidence: 'Categories: 1 registered sexual offenders',
    items: ['registered sexual offenders', 'violent or other sexual offenders', 'other dangerous offenders'],
  },
  mappaLevels: {
    value: 3,
    source: '001:329-335',
    evidence: 'Levels: 1 ordinary agency management',
    items: ['ordinary agency management', 'active multi-agency management', 'senior involvement'],
  },
  mappaLevelOrdinary: { value: 1, source: '001:331', evidence: 'Levels: 1 ordinary agency management' },
  mappaLevelActive: { value: 2, source: '001:333', evidence: '2 active multi-agency management' },
  mappaLevelSenior: { value: 3, source: '001:335', evidence: '3 as 2 with senior involvement' },
  mappaCategoryRegistered: { value: 1, source: '001:323', evidence: 'Categories: 1 registered sexual offenders' },
  mappaCategoryViolent: { value: 2, source: '001:325', evidence: '2 violent or other sexual offenders' },
  mappaCategoryOther: { value: 3, source: '001:327', evidence: '3 other dangerous offenders' },
} as const satisfies Record<string, ContentFact>;

export type FactName = keyof typeof facts;

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(facts, name);
}
