import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ClientId } from '../../domain/ids.ts';
import {
  ApplicationListQuery,
  CloseRequest,
  DeclineRequest,
  QuestionnaireListQuery,
  ReplyRequest,
  staffApiBase,
  StatusChangeRequest,
  type ApplicationAction,
  type StaffApplicationPage,
  type StaffQuestionnairePage,
} from '../../domain/staff.ts';
import { newOpaqueId } from '../ids.ts';
import { decodePosition, encodePosition } from '../staff/page-position.ts';
import { requireStaff, type SignedInStaff, type StaffContext } from '../staff/staff-context.ts';
import { invalidRequest, sendStaffError, staffErrors } from '../staff/staff-errors.ts';
import type { ListPosition } from '../staff/staff-store.ts';

const ItemParams = z.object({ id: ClientId });

/** A reply is at most 2,000 characters; with JSON escapes a body is well under this. */
export const staffInboxBodyLimitBytes = 32 * 1024;

function daysBefore(now: Date, days: number | undefined): string | undefined {
  return days === undefined ? undefined : new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
}

/** The parts every list shares: the member's own prison only, and a page marker this service gave. */
function listScope(staff: SignedInStaff, query: { prison?: string | undefined; after?: string | undefined }, reply: FastifyReply): { after: ListPosition | undefined } | null {
  if (query.prison !== undefined && query.prison !== staff.account.prisonId) {
    sendStaffError(reply, 403, { ...staffErrors.otherPrison, field: 'prison' });
    return null;
  }
  const after = query.after === undefined ? undefined : decodePosition(query.after);
  if (after === null) {
    sendStaffError(reply, 400, { code: 'invalid', message: '"after" is not a page marker this service gave.', field: 'after' });
    return null;
  }
  return { after };
}

/**
 * The OMU's inbox: applications and questionnaires of the member's own prison, oldest first, and
 * what staff do with an application. Every action goes through `store.staff.changeApplication`:
 * one transaction with the new status and thread, the change log entry the device pulls, and the
 * audit line. Opening an application or a questionnaire is audited too.
 */
export function registerStaffInboxRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const { store } = ctx;

  app.get(`${staffApiBase}/applications`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'inbox' });
    if (!staff) return reply;
    const query = ApplicationListQuery.safeParse(request.query);
    if (!query.success) return sendStaffError(reply, 400, invalidRequest(query.error));
    const scope = listScope(staff, query.data, reply);
    if (!scope) return reply;
    const page = await store.staff.listApplications({
      prisonId: staff.account.prisonId,
      statuses: query.data.status,
      types: query.data.type,
      receivedBefore: daysBefore(ctx.now(), query.data.olderThanDays),
      after: scope.after,
      limit: query.data.limit,
    });
    const body: StaffApplicationPage = { items: page.items, next: page.next ? encodePosition(page.next) : null };
    return body;
  });

  app.get(`${staffApiBase}/applications/:id`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'inbox' });
    if (!staff) return reply;
    const params = ItemParams.safeParse(request.params);
    const application = params.success ? await store.staff.getApplication(params.data.id, staff.account.prisonId) : null;
    if (!application) return sendStaffError(reply, 404, staffErrors.notFound);
    await store.staff.recordAudit({
      ...staff.actor,
      action: 'viewApplication',
      personId: application.person.personId,
      entity: 'application',
      entityId: application.id,
      details: {},
    });
    return application;
  });

  /** One action on one application, from a body its schema reads. */
  function action<T>(name: string, schema: z.ZodType<T>, toAction: (body: T) => ApplicationAction) {
    app.post(`${staffApiBase}/applications/:id/${name}`, { bodyLimit: staffInboxBodyLimitBytes }, async (request: FastifyRequest, reply) => {
      const staff = await requireStaff(ctx, request, reply, { permission: 'inbox' });
      if (!staff) return reply;
      const params = ItemParams.safeParse(request.params);
      if (!params.success) return sendStaffError(reply, 404, staffErrors.notFound);
      const body = schema.safeParse(request.body ?? {});
      if (!body.success) return sendStaffError(reply, 400, invalidRequest(body.error));
      const result = await store.staff.changeApplication({
        applicationId: params.data.id,
        prisonId: staff.account.prisonId,
        action: toAction(body.data),
        messageId: newOpaqueId('m'),
        actor: staff.actor,
      });
      if (result.ok) return result.application;
      if (result.code === 'notFound') return sendStaffError(reply, 404, staffErrors.notFound);
      return sendStaffError(reply, 409, result.code === 'alreadyOpen' ? staffErrors.alreadyOpen : staffErrors.threadFull);
    });
  }
  action('status', StatusChangeRequest, (body) => ({ kind: 'status', status: body.status }));
  action('reply', ReplyRequest, (body) => ({ kind: 'reply', text: body.text, status: body.status }));
  action('decline', DeclineRequest, (body) => ({ kind: 'decline', reason: body.reason, text: body.text }));
  action('close', CloseRequest, (body) => ({ kind: 'close', text: body.text }));

  app.get(`${staffApiBase}/questionnaires`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'inbox' });
    if (!staff) return reply;
    const query = QuestionnaireListQuery.safeParse(request.query);
    if (!query.success) return sendStaffError(reply, 400, invalidRequest(query.error));
    const scope = listScope(staff, query.data, reply);
    if (!scope) return reply;
    const page = await store.staff.listQuestionnaires({
      prisonId: staff.account.prisonId,
      state: query.data.state,
      questionSet: query.data.questionSet,
      receivedBefore: daysBefore(ctx.now(), query.data.olderThanDays),
      after: scope.after,
      limit: query.data.limit,
    });
    const body: StaffQuestionnairePage = { items: page.items, next: page.next ? encodePosition(page.next) : null };
    return body;
  });

  app.get(`${staffApiBase}/questionnaires/:id`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'inbox' });
    if (!staff) return reply;
    const params = ItemParams.safeParse(request.params);
    const questionnaire = params.success ? await store.staff.getQuestionnaire(params.data.id, staff.account.prisonId) : null;
    if (!questionnaire) return sendStaffError(reply, 404, staffErrors.notFound);
    await store.staff.recordAudit({
      ...staff.actor,
      action: 'viewQuestionnaire',
      personId: questionnaire.person.personId,
      entity: 'questionnaire',
      entityId: questionnaire.id,
      details: {},
    });
    return questionnaire;
  });
}
