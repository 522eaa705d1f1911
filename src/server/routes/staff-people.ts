import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PrisonNumber } from '../../domain/ids.ts';
import type { PlanRecord } from '../../domain/plan-record.ts';
import { staffApiBase } from '../../domain/staff.ts';
import {
  AllocatePomRequest,
  EnrolPersonRequest,
  PeopleListQuery,
  ProgressNotesQuery,
  PutPlanRequest,
  type EnrolPersonResponse,
  type OneTimePinResponse,
  type StaffPeoplePage,
  type StaffProgressNotes,
} from '../../domain/staff-people.ts';
import type { ProgressNote } from '../../domain/progress-note.ts';
import { hashPin } from '../auth/pin-hash.ts';
import { newOpaqueId } from '../ids.ts';
import { requireStaff, type StaffContext } from '../staff/staff-context.ts';
import { invalidRequest, sendStaffError, staffErrors } from '../staff/staff-errors.ts';
import { prisonOf, requireStaffOrSystem, type Caller } from '../staff/system-auth.ts';
import type { PlanSaver } from '../staff/staff-store.ts';

const PersonParams = z.object({ prisonNumber: PrisonNumber });

/** An enrolment is a few hundred bytes; a whole plan can be long (many objectives and steps). */
export const enrolBodyLimitBytes = 8 * 1024;
export const planBodyLimitBytes = 512 * 1024;

/** A one-time PIN: 6 digits from the operating system's random source, shown once and never stored. */
export function newOneTimePin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * The caseload, enrolment, a person's detail, PIN resets and saving plan versions (the import
 * API), for the member's own prison only. A person of another prison is "not found", by prison
 * number too. PUT plan and GET person also take a connected system's token (system-auth.ts).
 */
export function registerStaffPeopleRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const { store } = ctx;

  app.get(`${staffApiBase}/people`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'people' });
    if (!staff) return reply;
    const query = PeopleListQuery.safeParse(request.query);
    if (!query.success) return sendStaffError(reply, 400, invalidRequest(query.error));
    const page = await store.staff.listPeople({
      prisonId: staff.account.prisonId,
      search: query.data.q,
      pomStaffId: query.data.mine ? staff.account.staffId : undefined,
      after: query.data.after,
      limit: query.data.limit,
    });
    if (!page) return sendStaffError(reply, 400, { code: 'invalid', message: '"after" is not a page marker this service gave.', field: 'after' });
    const body: StaffPeoplePage = page;
    return body;
  });

  app.post(`${staffApiBase}/people`, { bodyLimit: enrolBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'enrol' });
    if (!staff) return reply;
    const parsed = EnrolPersonRequest.safeParse(request.body);
    if (!parsed.success) return sendStaffError(reply, 400, invalidRequest(parsed.error));
    const { prisonNumber, displayName, pomStaffId, sentence, keyDates, mappa } = parsed.data;
    const oneTimePin = newOneTimePin();
    const personId = newOpaqueId('p');
    const plan: PlanRecord = {
      id: newOpaqueId('plan'),
      personId,
      updatedAt: staff.actor.at,
      shareable: true,
      sentence,
      keyDates,
      ...(mappa ? { mappa } : {}),
      objectives: [],
      reviews: [],
      agreement: 'notAskedYet',
    };
    const result = await store.staff.enrolPerson({
      person: { personId, prisonNumber, displayName, pinHash: await hashPin(oneTimePin, ctx.passwordHashParams), prisonId: staff.account.prisonId, mustChangePin: true },
      pomStaffId,
      plan,
      actor: staff.actor,
      displayName: staff.account.displayName,
    });
    if (!result.ok) {
      if (result.code === 'pomNotFound') return sendStaffError(reply, 400, { ...staffErrors.pomNotFound, field: 'pomStaffId' });
      return sendStaffError(reply, 409, { ...staffErrors.prisonNumberTaken, field: 'prisonNumber' });
    }
    const body: EnrolPersonResponse = { person: result.person, oneTimePin };
    return reply.code(201).send(body);
  });

  app.get(`${staffApiBase}/people/:prisonNumber`, async (request, reply) => {
    const caller = await requireStaffOrSystem(ctx, request, reply, 'people');
    if (!caller) return reply;
    const params = PersonParams.safeParse(request.params);
    const detail = params.success ? await store.staff.getPersonDetail(params.data.prisonNumber, prisonOf(caller)) : null;
    if (!detail) return sendStaffError(reply, 404, staffErrors.notFound);
    await store.staff.recordAudit({ ...auditWho(caller), action: 'viewPerson', personId: detail.personId, entity: null, entityId: null, details: {} });
    return detail;
  });

  app.get(`${staffApiBase}/people/:prisonNumber/progress-notes`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'people' });
    if (!staff) return reply;
    const params = PersonParams.safeParse(request.params);
    const detail = params.success ? await store.staff.getPersonDetail(params.data.prisonNumber, staff.account.prisonId) : null;
    if (!detail) return sendStaffError(reply, 404, staffErrors.notFound);
    const query = ProgressNotesQuery.safeParse(request.query);
    if (!query.success) return sendStaffError(reply, 400, invalidRequest(query.error));
    const notes = await store.listProgressNotes(detail.personId, query.data.objectiveId === undefined ? {} : { objectiveId: query.data.objectiveId });
    await store.staff.recordAudit({
      ...staff.actor,
      action: 'viewProgressNotes',
      personId: detail.personId,
      entity: null,
      entityId: null,
      details: { notes: notes.length, ...(query.data.objectiveId ? { objectiveId: query.data.objectiveId } : {}) },
    });
    const body: StaffProgressNotes = { personId: detail.personId, objectives: notesByGoal(notes, detail.plan?.plan.objectives ?? []) };
    return body;
  });

  app.post(`${staffApiBase}/people/:prisonNumber/pom`, { bodyLimit: enrolBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'enrol' });
    if (!staff) return reply;
    const params = PersonParams.safeParse(request.params);
    if (!params.success) return sendStaffError(reply, 404, staffErrors.notFound);
    const parsed = AllocatePomRequest.safeParse(request.body);
    if (!parsed.success) return sendStaffError(reply, 400, invalidRequest(parsed.error));
    const result = await store.staff.allocatePom({ prisonNumber: params.data.prisonNumber, prisonId: staff.account.prisonId, pomStaffId: parsed.data.pomStaffId, actor: staff.actor });
    if (result.ok) return result.person;
    if (result.code === 'notFound') return sendStaffError(reply, 404, staffErrors.notFound);
    return sendStaffError(reply, 400, { ...staffErrors.pomNotFound, field: 'pomStaffId' });
  });

  app.post(`${staffApiBase}/people/:prisonNumber/pin`, { bodyLimit: enrolBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'resetPin' });
    if (!staff) return reply;
    const params = PersonParams.safeParse(request.params);
    if (!params.success) return sendStaffError(reply, 404, staffErrors.notFound);
    const oneTimePin = newOneTimePin();
    const done = await store.staff.resetPin({
      prisonNumber: params.data.prisonNumber,
      prisonId: staff.account.prisonId,
      pinHash: await hashPin(oneTimePin, ctx.passwordHashParams),
      actor: staff.actor,
    });
    if (!done) return sendStaffError(reply, 404, staffErrors.notFound);
    const body: OneTimePinResponse = { oneTimePin };
    return body;
  });

  app.put(`${staffApiBase}/people/:prisonNumber/plan`, { bodyLimit: planBodyLimitBytes }, async (request, reply) => {
    const caller = await requireStaffOrSystem(ctx, request, reply, 'plans');
    if (!caller) return reply;
    const params = PersonParams.safeParse(request.params);
    if (!params.success) return sendStaffError(reply, 404, staffErrors.notFound);
    const parsed = PutPlanRequest.safeParse(request.body);
    if (!parsed.success) return sendStaffError(reply, 400, invalidRequest(parsed.error, { positions: true }));
    const repeated = repeatedId(parsed.data.plan);
    if (repeated) return sendStaffError(reply, 400, { code: 'invalid', message: `"${repeated}" has the same id as another item of the plan. Each item needs its own id.`, field: repeated });
    const saver: PlanSaver =
      caller.kind === 'staff' ? { kind: 'staff', actor: caller.staff.actor, displayName: caller.staff.account.displayName } : { kind: 'system', actor: caller.actor };
    const result = await store.staff.savePlan({ prisonNumber: params.data.prisonNumber, prisonId: prisonOf(caller), version: parsed.data.version, plan: parsed.data.plan, saver });
    if (result.ok) return result.saved;
    if (result.code === 'notFound') return sendStaffError(reply, 404, staffErrors.notFound);
    return sendStaffError(reply, 409, { ...(result.code === 'olderVersion' ? staffErrors.olderVersion : staffErrors.versionTaken), field: 'version' });
  });
}

/** Notes by goal: the plan's goals in their order, then goals that have left the plan; each goal's notes oldest first. */
function notesByGoal(notes: readonly ProgressNote[], objectives: ReadonlyArray<{ id: string; title: string; priority: number }>): StaffProgressNotes['objectives'] {
  const byGoal = new Map<string, ProgressNote[]>();
  for (const note of notes) byGoal.set(note.objectiveId, [...(byGoal.get(note.objectiveId) ?? []), note]);
  const inPlan = [...objectives].sort((a, b) => a.priority - b.priority);
  const known = new Set(inPlan.map((objective) => objective.id));
  return [
    ...inPlan.flatMap((objective) => (byGoal.has(objective.id) ? [{ objectiveId: objective.id, title: objective.title, notes: byGoal.get(objective.id)! }] : [])),
    ...[...byGoal].filter(([id]) => !known.has(id)).map(([objectiveId, goalNotes]) => ({ objectiveId, title: null, notes: goalNotes })),
  ];
}

/** Who the audit line is about: a member of staff, or a connected system. */
function auditWho(caller: Caller) {
  if (caller.kind === 'staff') return { ...caller.staff.actor, systemId: null };
  const { systemId, prisonId, addressHash, at } = caller.actor;
  return { staffId: null, systemId, prisonId, addressHash, at };
}

/** The field of the first objective, step or review whose id another item of the plan already has. */
function repeatedId(plan: PutPlanRequest['plan']): string | null {
  const seen = new Set<string>();
  const items: Array<[string, string]> = [];
  plan.objectives.forEach((objective, o) => {
    items.push([objective.id, `plan.objectives.${o}.id`]);
    objective.steps.forEach((step, s) => items.push([step.id, `plan.objectives.${o}.steps.${s}.id`]));
  });
  plan.reviews.forEach((review, r) => items.push([review.id, `plan.reviews.${r}.id`]));
  for (const [id, field] of items) {
    if (seen.has(id)) return field;
    seen.add(id);
  }
  return null;
}
