import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OpaqueId } from '../../domain/ids.ts';
import { staffApiBase } from '../../domain/staff.ts';
import { NewSystemRequest, type ConnectedSystemList, type NewSystemResponse } from '../../domain/staff-people.ts';
import { hashToken } from '../auth/tokens.ts';
import { newOpaqueId } from '../ids.ts';
import { requireStaff, type StaffContext } from '../staff/staff-context.ts';
import { invalidRequest, sendStaffError, staffErrors } from '../staff/staff-errors.ts';
import { newSystemToken } from '../staff/system-auth.ts';
import { staffAuthBodyLimitBytes } from './staff-auth.ts';

const SystemParams = z.object({ systemId: OpaqueId });

/**
 * Connected systems of the admin's own prison (the import API): list, add (the token is shown
 * once; only its SHA-256 is kept) and revoke. Adding and revoking are audited.
 */
export function registerStaffSystemRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const { store } = ctx;

  app.get(`${staffApiBase}/systems`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'systems' });
    if (!staff) return reply;
    const body: ConnectedSystemList = { systems: await store.staff.listSystems(staff.account.prisonId) };
    return body;
  });

  app.post(`${staffApiBase}/systems`, { bodyLimit: staffAuthBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'systems' });
    if (!staff) return reply;
    const parsed = NewSystemRequest.safeParse(request.body);
    if (!parsed.success) return sendStaffError(reply, 400, invalidRequest(parsed.error));
    const token = newSystemToken();
    const system = await store.staff.insertSystem(
      { systemId: newOpaqueId('sy'), name: parsed.data.name, prisonId: staff.account.prisonId, createdAt: staff.actor.at, tokenHash: hashToken(token) },
      staff.actor,
    );
    const body: NewSystemResponse = { system, token };
    return reply.code(201).send(body);
  });

  app.post(`${staffApiBase}/systems/:systemId/revoke`, { bodyLimit: staffAuthBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'systems' });
    if (!staff) return reply;
    const params = SystemParams.safeParse(request.params);
    const system = params.success ? await store.staff.revokeSystem({ systemId: params.data.systemId, prisonId: staff.account.prisonId, actor: staff.actor }) : null;
    if (!system) return sendStaffError(reply, 404, staffErrors.notFound);
    return system;
  });
}
