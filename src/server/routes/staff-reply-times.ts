import type { FastifyInstance } from 'fastify';
import type { ApplicationType } from '../../domain/application.ts';
import { type ReplyTime, withDefaultReplyTimes } from '../../domain/reply-times.ts';
import { staffApiBase, type StaffReplyTimes } from '../../domain/staff.ts';
import { requireStaff, type StaffContext } from '../staff/staff-context.ts';

/** GET reply-times: the deployment's usual reply time per type, for the inbox (any signed-in member; not personal, not audited). */
export function registerStaffReplyTimesRoute(app: FastifyInstance, ctx: StaffContext, replyTimes?: Record<ApplicationType, ReplyTime>): void {
  const body: StaffReplyTimes = { replyTimes: replyTimes ?? withDefaultReplyTimes(null) };
  app.get(`${staffApiBase}/reply-times`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'inbox' });
    if (!staff) return reply;
    return body;
  });
}
