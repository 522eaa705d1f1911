import type { Sealed } from '../data/crypto/seal.ts';
import { metaKeys } from '../data/meta-keys.ts';
import { changesSince, mergeChanges, type PlanChange, PlanSnapshot, snapshotOf } from '../../domain/plan-changes.ts';
import type { Plan } from '../../domain/plan.ts';
import type { ProgressNote } from '../../domain/progress-note.ts';
import { type Loaded, usePersonData } from '../session/hooks.ts';
import type { ActivePerson } from '../session/session-context.ts';
import type { ItemView } from '../sync/outbox.ts';
import { readPlanRejectedAt } from '../sync/pull.ts';
import { readPlan, readProgressNotes } from '../sync/read.ts';

/**
 * The person's plan as the plan screens and "What's next" show it: the plan (last good one), when
 * a newer one was turned away, and what changed since they last looked.
 *
 * "Since they last looked": the first time a plan is shown in a sign-in it is compared with the
 * snapshot of what was shown before (sealed in `meta`, `plan.seen`), and the snapshot is replaced
 * at once. The marks are kept in memory for the rest of that sign-in (so they do not vanish
 * between pages) and are gone at the next one: seen once, then cleared. A plan that arrives during
 * the sign-in is compared the same way and its marks are added.
 */

export type PlanView = { plan: Plan | null; rejectedAt: number | null; changes: PlanChange[] };

/** `compared` counts the comparisons made, so a snapshot read early is used only if none came between. */
type Visit = { shown: string; changes: PlanChange[]; queue: Promise<unknown>; compared: number };
const visits = new WeakMap<ActivePerson, Visit>();

function visitOf(person: ActivePerson): Visit {
  let visit = visits.get(person);
  if (!visit) {
    visit = { shown: '', changes: [], queue: Promise.resolve(), compared: 0 };
    visits.set(person, visit);
  }
  return visit;
}

/** The snapshot read early, with the number of comparisons made when it was read. */
type EarlySeen = { read: Promise<PlanSnapshot | null>; compared: number };

const versionOf = (plan: Plan) => `${plan.id}|${plan.updatedAt}`;

async function readSeen(person: ActivePerson): Promise<PlanSnapshot | null> {
  const { db, session } = person.signedIn;
  const row = await db.meta.get(metaKeys.planSeen);
  if (!row) return null;
  const parsed = PlanSnapshot.safeParse(await session.open(row.value as Sealed, 'meta', metaKeys.planSeen).catch(() => null));
  return parsed.success ? parsed.data : null; // a snapshot that does not open: nothing is marked
}

async function writeSeen(person: ActivePerson, plan: Plan): Promise<void> {
  const { db, session } = person.signedIn;
  const sealed = await session.seal(snapshotOf(plan), 'meta', metaKeys.planSeen);
  await db.meta.put({ key: metaKeys.planSeen, value: sealed });
}

type BackgroundTasks = { postTask(task: () => void, options: { priority: 'background' }): Promise<void> };

/** Resolves once the work already waiting (drawing the screen) is done: a background task where the browser has them. */
function afterScreenWork(): Promise<void> {
  const { scheduler } = globalThis as { scheduler?: Partial<BackgroundTasks> };
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Compares a plan with what was seen, once per version per sign-in (one at a time per person).
 * `early` is the snapshot read while the plan was read; if a comparison came in between (it
 * replaced the snapshot), the snapshot is read again.
 */
function marksFor(person: ActivePerson, plan: Plan, early: EarlySeen | null): Promise<PlanChange[]> {
  const visit = visitOf(person);
  let compared = false;
  const next = visit.queue.then(async () => {
    if (visit.shown === versionOf(plan)) return visit.changes;
    const seen = await (early && early.compared === visit.compared ? early.read : readSeen(person));
    visit.changes = mergeChanges(visit.changes, changesSince(seen, plan));
    visit.shown = versionOf(plan);
    visit.compared += 1;
    compared = true;
    return visit.changes;
  });
  // The new snapshot is written once the marks are worked out, after the screen's own work (sealing
  // it takes a while on a slow tablet); the next comparison waits for it (the queue). A write that
  // fails only means the marks come back at the next sign-in: no harm.
  visit.queue = next.then(() => (compared ? afterScreenWork().then(() => writeSeen(person, plan)) : undefined)).catch(() => undefined);
  return next;
}

export async function loadPlanView(person: ActivePerson): Promise<PlanView> {
  const { db, session } = person.signedIn;
  // The first look in a sign-in always compares: the snapshot of what was seen is read (opened
  // and checked) at the same time as the plan, not after it. Later looks seldom compare (the same
  // version was shown), so they read it only when they do.
  const visit = visitOf(person);
  const early: EarlySeen | null = visit.shown === '' ? { read: visit.queue.then(() => readSeen(person)), compared: visit.compared } : null;
  early?.read.catch(() => undefined); // not waited for when the person has no plan
  const [plan, rejectedAt] = await Promise.all([readPlan(db, session, { onUnreadable: () => person.sync.reportDamage() }), readPlanRejectedAt(db)]);
  return { plan, rejectedAt, changes: plan ? await marksFor(person, plan, early) : [] };
}

export function usePlanView(person: ActivePerson): Loaded<PlanView> {
  return usePersonData(person, loadPlanView);
}

/** A progress note as the screen shows it: its words (null if they no longer open) and its sending state. */
export type NoteView = { view: ItemView; note: ProgressNote | null };

export async function loadNotes(person: ActivePerson): Promise<NoteView[]> {
  const { db, session } = person.signedIn;
  const [views, notes] = await Promise.all([person.sync.items(), readProgressNotes(db, session)]);
  return views
    .filter((view) => view.kind === 'progressNote')
    .map((view) => ({ view, note: notes.get(view.id) ?? null }))
    .reverse(); // newest first
}

export function useNotes(person: ActivePerson): Loaded<NoteView[]> {
  return usePersonData(person, loadNotes);
}
