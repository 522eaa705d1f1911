import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/domain/plan.ts';
import { toShareablePlan } from '../../src/domain/plan-record.ts';
import { samplePlan } from './support/plans.ts';

describe('toShareablePlan', () => {
  it('leaves out everything marked not shareable and renumbers objectives', () => {
    const plan = toShareablePlan(samplePlan('p_1'));
    expect(Plan.parse(plan)).toEqual(plan);
    expect(plan.objectives.map((o) => [o.id, o.priority])).toEqual([
      ['objective-1', 1],
      ['objective-3', 2],
    ]);
    expect(plan.objectives[0]?.steps.map((s) => s.id)).toEqual(['objective-1-step-1']);
    expect(plan.reviews.map((r) => r.id)).toEqual(['review-1']);
    expect(JSON.stringify(plan)).not.toMatch(/shareable|Hidden/);
  });

  it('orders by priority even when the record is out of order', () => {
    const record = samplePlan('p_1');
    record.objectives.reverse();
    expect(toShareablePlan(record).objectives.map((o) => o.id)).toEqual(['objective-1', 'objective-3']);
  });
});
