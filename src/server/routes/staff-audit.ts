import type { FastifyInstance } from 'fastify';
import { AuditQuery, staffApiBase, type AuditPage } from '../../domain/staff.ts';
import { requireStaff, type StaffContext } from '../staff/staff-context.ts';
import { invalidRequest, sendStaffError, staffErrors } from '../staff/staff-errors.ts';

/** GET audit: the trail of one person or one member of staff of the viewer's prison, newest first. Looking is audited too. */
export function registerStaffAuditRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get(`${staffApiBase}/audit`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'audit' });
    if (!staff) return reply;
    const query = AuditQuery.safeParse(request.query);
    if (!query.success) return sendStaffError(reply, 400, invalidRequest(query.error));
    const { personId, staffId, before, limit } = query.data;
    const page = await ctx.store.staff.listAudit({ prisonId: staff.account.prisonId, personId, staffId, before, limit });
    if (!page) return sendStaffError(reply, 404, staffErrors.notFound);
    await ctx.store.staff.recordAudit({
      ...staff.actor,
      action: 'viewAudit',
      personId: personId ?? null,
      entity: staffId ? 'staffAccount' : null,
      entityId: staffId ?? null,
      details: {},
    });
    const body: AuditPage = page;
    return body;
  });
}
