import type { PlanRecord } from '../../../src/domain/plan-record.ts';

/** A small valid plan for tests, with one objective and one step that are not shareable. */
export function samplePlan(personId: string, overrides: Partial<PlanRecord> = {}): PlanRecord {
  return {
    id: `plan_${personId}`,
    personId,
    updatedAt: '2026-01-15T10:00:00.000Z',
    shareable: true,
    sentence: { type: 'determinate', sentencedOn: '2025-06-01', lengthMonths: 36 },
    keyDates: { releaseDate: '2027-06-01', sentenceExpiryDate: '2028-06-01' },
    agreement: 'agreed',
    reviews: [
      { id: 'review-1', kind: 'initialOasys', on: '2025-08-01', by: 'pom', shareable: true },
      { id: 'review-2', kind: 'significantEvent', on: '2025-12-01', by: 'pom', shareable: false },
    ],
    objectives: [
      {
        id: 'objective-1',
        area: 'employmentEducation',
        priority: 1,
        title: 'Get a maths certificate',
        measure: 'You pass the test.',
        status: 'active',
        dueBy: '2026-06-01',
        shareable: true,
        steps: [
          { id: 'objective-1-step-1', description: 'Go to class.', actor: 'you', status: 'inProgress', shareable: true },
          { id: 'objective-1-step-2', description: 'Hidden check.', actor: 'other', status: 'notStarted', shareable: false },
        ],
      },
      {
        id: 'objective-2',
        area: 'thinkingBehaviour',
        priority: 2,
        title: 'Hidden objective',
        measure: 'Staff only.',
        status: 'active',
        dueBy: '2026-06-01',
        shareable: false,
        steps: [],
      },
      {
        id: 'objective-3',
        area: 'accommodation',
        priority: 3,
        title: 'Find a place to live',
        measure: 'You have an address.',
        status: 'future',
        dueBy: '2027-04-01',
        outsideControl: 'The council decides.',
        shareable: true,
        steps: [],
      },
    ],
    ...overrides,
  };
}
