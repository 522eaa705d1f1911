import type { PlanChange } from '../../domain/plan-changes.ts';

/** The mark a goal or step gets for what changed since the person last looked, if anything. */
export type Mark = 'new' | 'done' | 'moved' | 'changed';

export function goalMark(changes: readonly PlanChange[], objectiveId: string): Mark | null {
  const mine = changes.filter((c) => c.kind !== 'keyDateMoved' && c.objectiveId === objectiveId);
  if (mine.some((c) => c.kind === 'newGoal')) return 'new';
  if (mine.some((c) => c.kind === 'goalDone')) return 'done';
  if (mine.length === 1 && mine[0]!.kind === 'goalDateMoved') return 'moved';
  return mine.length > 0 ? 'changed' : null;
}

export function stepMark(changes: readonly PlanChange[], stepId: string): Mark | null {
  const mine = changes.filter((c) => 'stepId' in c && c.stepId === stepId);
  if (mine.some((c) => c.kind === 'newStep')) return 'new';
  if (mine.some((c) => c.kind === 'stepDone')) return 'done';
  return mine.length > 0 ? 'moved' : null;
}
