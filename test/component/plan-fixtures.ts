/** Plans for the plan-screen component tests (not a test file). Dates are read on 1 December 2026. */
import type { Plan } from '../../src/domain/plan.ts';

/** The day the plan tests are set on (the clock is set to it). */
export const testToday = new Date('2026-12-01T10:00:00Z');

export const carl = { personId: 'person-c', prisonNumber: 'C3456DE', pin: '246810', displayName: 'Carl' };
export const dee = { personId: 'person-d', prisonNumber: 'D4567EF', pin: '135790', displayName: 'Dee' };

/**
 * A life sentence with a 12-year tariff: last OASys review on 1 June 2023 (so, every 3 years, it
 * looked late from 1 June 2026), the parole eligibility date on 1 June 2029 (the pre-tariff sift
 * is due on 15 December 2026), a finished goal of priority 1.
 */
export function liferPlan(personId: string, overrides: Partial<Plan> = {}): Plan {
  return {
    id: `plan-${personId}`,
    personId,
    updatedAt: '2026-11-20T09:30:00Z',
    sentence: { type: 'indeterminate', sentencedOn: '2017-06-01', tariffMonths: 144 },
    keyDates: { tariffExpiryDate: '2029-06-01', paroleEligibilityDate: '2029-06-01' },
    agreement: 'agreed',
    rosh: 'high',
    events: [{ id: 'e1', kind: 'transfer', on: '2024-06-01' }],
    reviews: [
      { id: 'r1', kind: 'initialOasys', on: '2017-08-24', by: 'pom' },
      { id: 'r2', kind: 'oasysReview', on: '2020-06-01', by: 'pom' },
      { id: 'r3', kind: 'oasysReview', on: '2023-06-01', by: 'pom' },
      { id: 'r4', kind: 'transfer', on: '2024-06-01', by: 'pom' },
      { id: 'r5', kind: 'sentencePlanReview', on: '2026-08-01', by: 'pom' },
    ],
    objectives: [
      {
        id: 'kaizen',
        area: 'thinkingBehaviour',
        priority: 1,
        title: 'Finish the Kaizen course',
        measure: 'Your course tutors write that you have finished the course.',
        status: 'achieved',
        dueBy: '2024-06-01',
        achievedOn: '2024-04-01',
        steps: [
          { id: 'k1', description: 'Go to every Kaizen session.', actor: 'you', status: 'completed' },
          { id: 'k2', description: 'Write the end of course report.', actor: 'psychologist', status: 'completed' },
        ],
      },
      {
        id: 'pipe',
        area: 'thinkingBehaviour',
        priority: 2,
        title: 'Spend time on a Progression PIPE unit',
        measure: 'You have lived on a PIPE unit for at least 6 months.',
        why: 'Living on a PIPE unit helps you use what you learnt on Kaizen.',
        status: 'active',
        dueBy: '2027-12-01',
        outsideControl: 'There is a waiting list for places.',
        steps: [
          { id: 'p1', description: 'Talk to the psychologist about what a PIPE is like.', actor: 'you', status: 'completed' },
          { id: 'p2', description: 'Go to the open day on the unit.', actor: 'you', status: 'notStarted', dueBy: '2026-12-27' },
          { id: 'p3', description: 'Move to the unit when a place is free.', actor: 'you', status: 'cannotBeDoneYet' },
          { id: 'p4', description: 'Send the referral to the PIPE team.', actor: 'pom', status: 'completed' },
        ],
      },
      {
        id: 'family',
        area: 'relationshipsCommunity',
        priority: 3,
        title: 'Build up contact with your family',
        measure: 'You have had a family visit every month for 6 months.',
        status: 'active',
        dueBy: '2027-08-01',
        steps: [{ id: 'f1', description: 'Send a visiting order to your sister.', actor: 'you', status: 'inProgress', dueBy: '2027-01-15' }],
      },
      {
        id: 'licence',
        area: 'accommodation',
        priority: 4,
        title: 'Get ready for life on licence',
        measure: 'You can explain your licence rules and where you will live.',
        status: 'future',
        dueBy: '2029-03-01',
        steps: [{ id: 'l1', description: 'Visit the approved premises with your probation officer.', actor: 'you', status: 'notStarted' }],
      },
    ],
    ...overrides,
  };
}
