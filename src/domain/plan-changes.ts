import { z } from 'zod';
import { IsoDate } from './ids.ts';
import { KeyDates, ObjectiveStatus, type Plan, StepStatus } from './plan.ts';

/**
 * What changed in a plan since the person last looked: a new goal or step, a goal or step done,
 * a date moved. The device keeps a small snapshot of what was seen (ids, states and dates only;
 * sealed like the rest) and compares the newest plan with it. Pure.
 */

export const PlanSnapshot = z.object({
  planId: z.string(),
  updatedAt: z.string(),
  objectives: z.record(
    z.string(),
    z.object({
      status: ObjectiveStatus,
      dueBy: IsoDate,
      steps: z.record(z.string(), z.object({ status: StepStatus, dueBy: IsoDate.optional() })),
    }),
  ),
  keyDates: KeyDates,
});
export type PlanSnapshot = z.infer<typeof PlanSnapshot>;

export type KeyDateName = keyof KeyDates;

export type PlanChange =
  | { kind: 'newGoal'; objectiveId: string }
  | { kind: 'goalDone'; objectiveId: string }
  | { kind: 'goalDateMoved'; objectiveId: string; from: string; to: string }
  | { kind: 'newStep'; objectiveId: string; stepId: string }
  | { kind: 'stepDone'; objectiveId: string; stepId: string }
  | { kind: 'stepDateMoved'; objectiveId: string; stepId: string; from?: string; to?: string }
  | { kind: 'keyDateMoved'; name: KeyDateName; from?: string; to?: string };

export function snapshotOf(plan: Plan): PlanSnapshot {
  return {
    planId: plan.id,
    updatedAt: plan.updatedAt,
    objectives: Object.fromEntries(
      plan.objectives.map((o) => [
        o.id,
        { status: o.status, dueBy: o.dueBy, steps: Object.fromEntries(o.steps.map((s) => [s.id, { status: s.status, ...(s.dueBy ? { dueBy: s.dueBy } : {}) }])) },
      ]),
    ),
    keyDates: { ...plan.keyDates },
  };
}

const keyDateNames: readonly KeyDateName[] = [
  'homeDetentionCurfewEligibilityDate',
  'paroleEligibilityDate',
  'tariffExpiryDate',
  'releaseDate',
  'licenceExpiryDate',
  'sentenceExpiryDate',
];

/** Changes from `seen` to `plan`, in the plan's order. Nothing was seen before: nothing is marked (all of it is new). */
export function changesSince(seen: PlanSnapshot | null, plan: Plan): PlanChange[] {
  if (!seen) return [];
  const out: PlanChange[] = [];
  for (const objective of plan.objectives) {
    const before = seen.objectives[objective.id];
    if (!before) {
      out.push({ kind: 'newGoal', objectiveId: objective.id });
      continue;
    }
    if (objective.status === 'achieved' && before.status !== 'achieved') out.push({ kind: 'goalDone', objectiveId: objective.id });
    if (objective.dueBy !== before.dueBy) out.push({ kind: 'goalDateMoved', objectiveId: objective.id, from: before.dueBy, to: objective.dueBy });
    for (const step of objective.steps) {
      const was = before.steps[step.id];
      if (!was) out.push({ kind: 'newStep', objectiveId: objective.id, stepId: step.id });
      else {
        if (step.status === 'completed' && was.status !== 'completed') out.push({ kind: 'stepDone', objectiveId: objective.id, stepId: step.id });
        if (step.dueBy !== was.dueBy) out.push({ kind: 'stepDateMoved', objectiveId: objective.id, stepId: step.id, ...(was.dueBy ? { from: was.dueBy } : {}), ...(step.dueBy ? { to: step.dueBy } : {}) });
      }
    }
  }
  for (const name of keyDateNames) {
    const [from, to] = [seen.keyDates[name], plan.keyDates[name]];
    if (from !== to) out.push({ kind: 'keyDateMoved', name, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }
  return out;
}

const changeKey = (c: PlanChange) => JSON.stringify(c.kind === 'keyDateMoved' ? [c.kind, c.name] : [c.kind, c.objectiveId, 'stepId' in c ? c.stepId : '']);

/**
 * Marks from two looks in one visit, together: a later change to the same thing replaces the
 * earlier one (a date moved twice shows where it started and where it is now).
 */
export function mergeChanges(earlier: readonly PlanChange[], later: readonly PlanChange[]): PlanChange[] {
  const out = new Map<string, PlanChange>(earlier.map((c) => [changeKey(c), c]));
  for (const change of later) {
    const key = changeKey(change);
    const was = out.get(key);
    if (was && 'from' in was && (change.kind === 'goalDateMoved' || change.kind === 'stepDateMoved' || change.kind === 'keyDateMoved')) {
      const merged = { ...change, ...(was.from ? { from: was.from } : {}) } as PlanChange;
      if ('from' in merged && 'to' in merged && merged.from === merged.to) out.delete(key);
      else out.set(key, merged);
    } else out.set(key, change);
  }
  return [...out.values()];
}
