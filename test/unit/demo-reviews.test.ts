import { describe, expect, it } from 'vitest';
import { toShareablePlan } from '../../src/domain/plan-record.ts';
import { evaluateReviews, summariseReviews } from '../../src/domain/reviews/index.ts';
import { demoPeople } from '../../src/server/demo/people.ts';

/** The demo people show the cases the product is about, whatever day the demo is loaded on. */
const days = ['2026-12-01', '2027-03-15', '2027-08-31', '2028-02-29'];

function reviewsOf(prisonNumber: string, today: string) {
  const demo = demoPeople.find((p) => p.prisonNumber === prisonNumber)!;
  const plan = toShareablePlan(demo.buildPlan({ personId: 'p1', planId: 'plan1', today, now: `${today}T09:00:00.000Z` }));
  return { plan, reviews: summariseReviews(evaluateReviews(plan, today)) };
}

describe.each(days)('the demo plans, loaded on %s', (today) => {
  it('B2345CD (life sentence): the OASys review looks about 6 months late and the pre-tariff sift is due within the month', () => {
    const { reviews } = reviewsOf('B2345CD', today);
    const cycle = reviews.find((r) => r.kind === 'oasysReview')!;
    expect(cycle.state).toBe('looksLate');
    expect(-cycle.daysToDue!).toBeGreaterThanOrEqual(175);
    expect(-cycle.daysToDue!).toBeLessThanOrEqual(190);
    const sift = reviews.find((r) => r.kind === 'preTariffSift')!;
    expect(sift.state).toBe('dueSoon');
    expect(sift.daysToDue).toBeGreaterThan(0);
    expect(sift.daysToDue).toBeLessThanOrEqual(31);
  });

  it('B2345CD: the finished goal is not the first one working on now', () => {
    const { plan } = reviewsOf('B2345CD', today);
    expect(plan.objectives.find((o) => o.status === 'achieved')?.achievedOn).toBeDefined();
  });

  it('A1234BC (4 years): a plan review after the move three weeks ago is due soon', () => {
    const { reviews } = reviewsOf('A1234BC', today);
    expect(reviews.find((r) => r.kind === 'sentencePlanReview')).toMatchObject({ rule: 'planAfterTransfer', state: 'dueSoon' });
    expect(reviews.some((r) => r.state === 'looksLate')).toBe(false);
  });

  it('C3456DE (8 months): no OASys, so no OASys review is due', () => {
    const { reviews } = reviewsOf('C3456DE', today);
    expect(reviews.filter((r) => r.kind !== 'sentencePlanReview')).toEqual([]);
  });

  it('D4567EF (MAPPA level 2): the review 6 months before release is done, and the hidden event never reaches the device', () => {
    const { plan, reviews } = reviewsOf('D4567EF', today);
    expect(reviews.find((r) => r.kind === 'preRelease')).toBeUndefined();
    expect(plan.events).toEqual([]);
    expect(plan.agreement).toBe('notAgreed');
  });
});
